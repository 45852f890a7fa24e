import { randomBytes } from 'node:crypto';
import { getTable } from '../core/catalog/schemaCatalog';
import type { HubConfigEntry, HubSecret } from '../config/types';
import { startLocalHub } from '../localHub';
import type { LocalHub } from '../localHub/types';
import { mirroredHub, type StorageExportMirror } from '../storage/exportMirror';
import { DefenderTrafficGenerator, startTraffic, type TrafficHandle } from '../traffic';
import { DEMO_RATE_DEFAULT, clampDemoRate } from './demoRate';

/** The demo namespace's id in the tree and the registry. */
export const DEMO_CONFIG_ID = 'demo-local';
export const DEMO_LABEL = 'Demo (local)';
export const DEMO_SINGLE_HUB = 'defender-stream';
/** Tables that get their own per-table hub in the demo (Defender's "one hub per table" mode). */
export const DEMO_PER_TABLE = ['DeviceProcessEvents', 'DeviceNetworkEvents', 'AlertInfo', 'EmailEvents'] as const;
export const DEMO_CONSUMER_GROUP = 'defender-explorer';

export interface DemoHubOptions {
  /** Records per second into the single hub (the per-table hubs get half); clamped to 0..20,000. Default 50. */
  readonly rate?: number;
  /** Seed of the generated traffic. */
  readonly seed?: number | string;
  /** Loopback port (0: any free one). */
  readonly port?: number;
  /** Messages written per hub before traffic starts, so partitions show sequence numbers at once. Default 40. */
  readonly backlogMessages?: number;
}

export interface RunningDemo {
  readonly hub: LocalHub;
  /** The namespace as the tree shows it; never written to settings. */
  readonly entry: HubConfigEntry;
  /** Kept in memory only. */
  readonly secret: HubSecret;
}

/**
 * The embedded demo: a local Event Hubs-compatible hub on loopback with realistic Defender traffic,
 * one single hub plus a few per-table hubs. Plain TypeScript (the extension, the CLI and scripts use it).
 */
export class DemoHubService {
  private running: RunningDemo | undefined;
  private pumps: TrafficHandle[] = [];
  private starting: Promise<RunningDemo> | undefined;
  private rate: number = DEMO_RATE_DEFAULT;
  private seed: number | string = 1;
  private readonly listeners = new Set<(demo: RunningDemo | undefined) => void>();
  /** Where the single hub's traffic also goes in the Storage export's layout (the demo's Azurite), if anywhere. */
  private mirror: StorageExportMirror | undefined;

  get current(): RunningDemo | undefined {
    return this.running;
  }

  /** Records per second into the single hub, as clamped. */
  get currentRate(): number {
    return this.rate;
  }

  onDidChange(listener: (demo: RunningDemo | undefined) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  /** Starts the demo (or returns the running one). */
  start(options: DemoHubOptions = {}): Promise<RunningDemo> {
    if (this.running) return Promise.resolve(this.running);
    this.starting ??= this.doStart(options).finally(() => {
      this.starting = undefined;
    });
    return this.starting;
  }

  private async doStart(options: DemoHubOptions): Promise<RunningDemo> {
    this.rate = clampDemoRate(options.rate ?? DEMO_RATE_DEFAULT);
    this.seed = options.seed ?? Date.now();
    const key = randomBytes(32).toString('base64');
    const perTableHubs = DEMO_PER_TABLE.map((t) => (getTable(t) as NonNullable<ReturnType<typeof getTable>>).hubName);
    const hub = await startLocalHub({
      port: options.port,
      key,
      hubs: [
        { name: DEMO_SINGLE_HUB, partitionCount: 4, consumerGroups: [DEMO_CONSUMER_GROUP] },
        ...perTableHubs.map((name) => ({ name, partitionCount: 2, consumerGroups: [DEMO_CONSUMER_GROUP] })),
      ],
    });
    writeBacklog(hub, options.backlogMessages ?? 40, this.seed);
    const entry: HubConfigEntry = {
      id: DEMO_CONFIG_ID,
      label: DEMO_LABEL,
      namespaceHost: `${hub.host.includes(':') ? `[${hub.host}]` : hub.host}:${hub.port}`,
      hubs: [DEMO_SINGLE_HUB, ...perTableHubs],
      mode: 'single',
      consumerGroup: '$Default',
      auth: 'connectionString',
      sharedAccessKeyName: hub.keyName,
      useDevelopmentEmulator: true,
    };
    this.running = { hub, entry, secret: { sharedAccessKey: key } };
    this.startPumps();
    this.emit();
    return this.running;
  }

  /**
   * Sends the single hub's traffic to `mirror` too (Defender's other destination), from now on; `undefined`
   * stops that. A mirror handed over is the service's: it is stopped with the demo or when replaced.
   */
  setMirror(mirror: StorageExportMirror | undefined): void {
    const previous = this.mirror;
    this.mirror = mirror;
    if (previous && previous !== mirror) void previous.stop();
    if (this.running) this.startPumps();
  }

  /** Changes the traffic rate of a running demo (records per second into the single hub; clamped to 0..20,000). */
  setRate(rate: number): void {
    this.rate = clampDemoRate(rate);
    if (this.running) this.startPumps();
  }

  async stop(): Promise<void> {
    await this.starting?.catch(() => undefined);
    const demo = this.running;
    if (!demo) return;
    this.stopPumps();
    const mirror = this.mirror;
    this.mirror = undefined;
    this.running = undefined;
    this.emit();
    await Promise.all([demo.hub.stop(), mirror?.stop()]);
  }

  private startPumps(): void {
    this.stopPumps();
    const hub = this.running?.hub;
    if (!hub || this.rate <= 0) return;
    this.pumps = [
      startTraffic(this.mirror ? mirroredHub(hub, this.mirror) : hub, {
        rate: this.rate,
        mode: 'single',
        hubName: DEMO_SINGLE_HUB,
        seed: this.seed,
      }),
      startTraffic(hub, { rate: Math.max(1, this.rate / 2), mode: 'perTable', tables: [...DEMO_PER_TABLE], seed: `${this.seed}:perTable` }),
    ];
  }

  private stopPumps(): void {
    for (const p of this.pumps) p.stop();
    this.pumps = [];
  }

  private emit(): void {
    for (const l of this.listeners) l(this.running);
  }
}

/** A little history in every hub, spread over its partitions. */
function writeBacklog(hub: LocalHub, messages: number, seed: number | string): void {
  if (messages <= 0) return;
  const single = new DefenderTrafficGenerator({ seed: `${seed}:backlog` });
  hub.append(
    DEMO_SINGLE_HUB,
    Array.from({ length: messages }, () => ({ body: single.message().body })),
  );
  const perTable = new DefenderTrafficGenerator({ seed: `${seed}:backlog-tables`, tables: [...DEMO_PER_TABLE] });
  for (const table of DEMO_PER_TABLE) {
    const hubName = getTable(table)?.hubName as string;
    hub.append(
      hubName,
      Array.from({ length: Math.ceil(messages / 2) }, () => ({ body: perTable.message(table).body })),
    );
  }
}
