import { DEMO_RATE_MAX } from '../demo/demoRate';
import { DEFAULT_PARTITION_COUNT } from '../localHub/hubModel';
import { startLocalHub } from '../localHub/server';
import type { LocalHubServer } from '../localHub/server';
import { STREAMABLE_TABLES } from '../core/catalog/schemaCatalog';
import { resolveTables } from '../traffic/generator';
import { mirroredHub } from '../storage/exportMirror';
import { AZURITE_DEFAULT_ENDPOINT, startAzuriteMirror } from './localHubStorage';
import { startTraffic } from '../traffic/pump';
import type { TrafficHandle } from '../traffic/pump';
import { intOption, parseArgs } from './args';
import type { ParsedArgs } from './args';
import type { CliCommand, CliIo } from './types';
import { UsageError } from './types';

export const DEFAULT_LOCAL_HUB_NAME = 'defender-stream';
export const DEFAULT_LOCAL_HUB_RATE = 50;

const USAGE = `Usage: defender-stream local-hub [--port N] [--hubs H,...] [--per-table] [--partitions N]
                                 [--rate N] [--tables T,...] [--seed N] [--bad-rate F]
                                 [--azurite [--azurite-endpoint URL]]

Starts a local Event Hubs-compatible server (AMQP on loopback, plain TCP) with realistic Microsoft
Defender XDR streaming traffic, and prints its connection strings. The real Event Hubs SDKs connect to it
with "UseDevelopmentEmulator=true". Ctrl+C stops it.

  --port N          Loopback port (default: a free one)
  --hubs H,...      Event hub names (default: ${DEFAULT_LOCAL_HUB_NAME}); traffic goes to the first
  --per-table       One hub per table, named insights-logs-advancedhunting-<table>, as Defender does
  --partitions N    Partitions per hub (default ${DEFAULT_PARTITION_COUNT})
  --rate N          Generated records per second, 0 to ${DEMO_RATE_MAX} (default ${DEFAULT_LOCAL_HUB_RATE}; 0: no traffic)
  --tables T,...    Only these Advanced Hunting tables (default: the ${STREAMABLE_TABLES.length} that reach Event Hubs)
  --seed N          Seed of the generator, for reproducible traffic (default 1)
  --bad-rate F      Fraction of messages replaced by malformed or hostile ones (default 0)
  --azurite         Also write the traffic to a running Azurite (local Azure Storage emulator) in the
                    layout of Defender's Storage export; without one, says how to get it
  --azurite-endpoint URL  Azurite's blob endpoint (default ${AZURITE_DEFAULT_ENDPOINT})`;

const SPEC = {
  port: 'value',
  hubs: 'value',
  'per-table': 'flag',
  partitions: 'value',
  rate: 'value',
  tables: 'value',
  seed: 'value',
  'bad-rate': 'value',
  azurite: 'flag',
  'azurite-endpoint': 'value',
} as const;

export const localHubCommand: CliCommand = {
  name: 'local-hub',
  summary: 'Run a local Event Hubs-compatible server with realistic Defender traffic',
  usage: USAGE,
  run: (args, io) => runLocalHub(args, io),
};

interface LocalHubCliOptions {
  readonly port: number;
  readonly hubs: string[];
  readonly perTable: boolean;
  readonly partitions: number;
  readonly rate: number;
  readonly tables?: string[];
  readonly seed: number;
  readonly badRate: number;
}

export function parseLocalHubOptions(args: ParsedArgs): LocalHubCliOptions {
  if (args.positionals.length > 0) throw new UsageError(`unexpected argument "${args.positionals[0]}".`);
  const port = intOption(args, 'port', 0);
  if (port > 65535) throw new UsageError('"--port" must be at most 65535.');
  const partitions = intOption(args, 'partitions', DEFAULT_PARTITION_COUNT, 1);
  if (partitions > 1024) throw new UsageError('"--partitions" must be at most 1024.');
  const rate = intOption(args, 'rate', DEFAULT_LOCAL_HUB_RATE, 0);
  if (rate > DEMO_RATE_MAX) throw new UsageError(`"--rate" must be at most ${DEMO_RATE_MAX} records per second.`);
  const seed = intOption(args, 'seed', 1, 0);
  const perTable = args.options.get('per-table') === true;
  const list = (name: string): string[] | undefined => {
    const raw = args.options.get(name);
    if (raw === undefined || raw === true) return undefined;
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    if (items.length === 0) throw new UsageError(`"--${name}" needs at least one name.`);
    return items;
  };
  const hubs = list('hubs');
  if (perTable && hubs) throw new UsageError('"--hubs" and "--per-table" cannot be combined: per-table hubs are named after the tables.');
  const tables = list('tables');
  try {
    resolveTables(tables);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  for (const hub of hubs ?? []) {
    if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,255}$/.test(hub))
      throw new UsageError(`"${hub}" is not a valid event hub name (letters, digits, ".", "_", "-").`);
  }
  const badRaw = args.options.get('bad-rate');
  const badRate = badRaw === undefined ? 0 : Number(badRaw);
  if (badRaw === true || !Number.isFinite(badRate) || badRate < 0 || badRate > 1)
    throw new UsageError('"--bad-rate" needs a fraction from 0 to 1.');
  return { port, hubs: hubs ?? [DEFAULT_LOCAL_HUB_NAME], perTable, partitions, rate, tables, seed, badRate };
}

async function runLocalHub(rawArgs: readonly string[], io: CliIo): Promise<number> {
  const options = parseLocalHubOptions(parseArgs(rawArgs, SPEC));
  const hubNames = options.perTable ? resolveTables(options.tables).map((t) => t.hubName) : options.hubs;
  let hub: LocalHubServer;
  try {
    hub = await startLocalHub({ port: options.port, hubs: hubNames.map((name) => ({ name, partitionCount: options.partitions })) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EADDRINUSE')
      throw new Error(`port ${options.port} is already in use; pick another with --port or omit it for a free one.`);
    throw error;
  }
  let traffic: TrafficHandle | undefined;
  const parsed = parseArgs(rawArgs, SPEC);
  const azuriteEndpoint = parsed.options.get('azurite-endpoint');
  const storage =
    parsed.options.has('azurite') || azuriteEndpoint !== undefined
      ? await startAzuriteMirror(typeof azuriteEndpoint === 'string' ? azuriteEndpoint : undefined).catch(async (error: unknown) => {
          await hub.stop();
          throw error;
        })
      : undefined;
  try {
    if (options.rate > 0) {
      traffic = startTraffic(storage?.mirror ? mirroredHub(hub, storage.mirror) : hub, {
        rate: options.rate,
        mode: options.perTable ? 'perTable' : 'single',
        tables: options.tables,
        seed: options.seed,
        badMessageRate: options.badRate,
      });
    }
    if (storage) io.stdout.write(`${storage.line}\n`);
    printBanner(io, hub, options);
    await waitForStop(io.signal);
  } finally {
    traffic?.stop();
    await storage?.mirror?.stop();
    await hub.stop();
  }
  const stats = traffic?.stats;
  io.stdout.write(`Local hub stopped${stats ? ` after generating ${stats.records} records in ${stats.messages} messages` : ''}.\n`);
  return 0;
}

function printBanner(io: CliIo, hub: LocalHubServer, options: LocalHubCliOptions): void {
  const lines = [
    `Local Event Hubs namespace listening on ${hub.host}:${hub.port} (loopback only)`,
    `Namespace connection string: ${hub.connectionString}`,
    `Event hubs (${options.partitions} partitions each, consumer group $Default):`,
    ...hub.hubNames.map((name) => `  ${name}: ${hub.connectionStringFor(name)}`),
    options.rate > 0
      ? `Traffic: ${options.rate} records/s from ${options.tables ? options.tables.join(', ') : `the ${STREAMABLE_TABLES.length} tables that reach Event Hubs`}${options.perTable ? ' (one hub per table)' : ` into ${hub.hubNames[0]}`}, seed ${options.seed}${options.badRate > 0 ? `, ${options.badRate * 100}% bad messages` : ''}`
      : 'Traffic: none (--rate 0); publish your own events with any Event Hubs client.',
    'Press Ctrl+C to stop.',
    '',
  ];
  io.stdout.write(lines.join('\n'));
}

/** Resolves on SIGINT/SIGTERM, or when the caller's signal aborts (tests). */
function waitForStop(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = (): void => {
      process.off('SIGINT', done);
      process.off('SIGTERM', done);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
    signal?.addEventListener('abort', done, { once: true });
  });
}
