/**
 * tail: events/s from a local hub through a tail session (decode, count, 3-table filter, ring buffer)
 * against a bare `EventHubConsumerClient` with the same batch settings that only counts events. The hub
 * runs in a child process (as a real namespace would be elsewhere), preloaded with generated Defender
 * messages; every round reads all of them from the earliest position. Median of several rounds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { stopChild } from '../lib/childProcess';
import { median } from '../lib/stats';

const HUB = 'bench-tail';
const PARTITIONS = 4;
const MAX_BATCH_SIZE = 300;
const MAX_WAIT_SECONDS = 1;
const FILTER_TABLES = ['DeviceProcessEvents', 'DeviceNetworkEvents', 'EmailEvents'];

export interface TailBenchOptions {
  /** Events preloaded into the hub (default 20,000, one ~2 KB record each). */
  readonly events?: number;
  /** Measured rounds per side (default 5) after one warm-up round each. */
  readonly rounds?: number;
}

export interface TailBenchResult {
  /** events/s through the tail session (median). */
  readonly value: number;
  /** events/s through a bare consumer that only counts (median). */
  readonly baseline: number;
  readonly ratio: number;
  readonly unit: 'events/s';
  readonly events: number;
  readonly spread: { readonly value: readonly number[]; readonly baseline: readonly number[] };
  readonly target: string;
}

// ---- the hub, in a child process ---------------------------------------------------------------

async function serveHub(events: number): Promise<void> {
  const { startLocalHub } = await import('../../src/localHub/index');
  const { DefenderTrafficGenerator } = await import('../../src/traffic/index');
  const hub = await startLocalHub({ hubs: [{ name: HUB, partitionCount: PARTITIONS }], maxEventsPerPartition: events });
  const generator = new DefenderTrafficGenerator({ seed: 'bench-tail', recordsPerMessage: 1 });
  const perPartition = Math.ceil(events / PARTITIONS);
  for (let p = 0; p < PARTITIONS; p++) {
    const batch = [];
    for (let i = 0; i < perPartition && p * perPartition + i < events; i++) batch.push({ body: Buffer.from(generator.message(undefined, 1).body) });
    hub.append(HUB, batch, String(p));
  }
  process.stdout.write(`${JSON.stringify({ connectionString: hub.connectionStringFor(HUB), port: hub.port })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void hub.stop().then(() => process.exit(0)));
}

async function startHubProcess(events: number): Promise<{ child: ChildProcess; connectionString: string; port: number }> {
  const file = fileURLToPath(import.meta.url);
  const root = path.resolve(path.dirname(file), '..', '..');
  const child = spawn(process.execPath, ['--import', 'tsx', file, '--serve-hub', String(events)], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`The bench hub exited early (code ${code}).`)));
  });
  const ready = JSON.parse(first) as { connectionString: string; port: number };
  return { child, ...ready };
}

// ---- one round each ----------------------------------------------------------------------------

/** Polls a counter the same way for both sides: rate from the first event seen to the last one. */
async function measure(total: number, count: () => number, timeoutMs = 120_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let t0 = 0n;
  let c0 = 0;
  for (;;) {
    const c = count();
    if (t0 === 0n && c > 0) {
      t0 = process.hrtime.bigint();
      c0 = c;
    }
    if (c >= total) break;
    if (Date.now() > deadline) throw new Error(`Only ${c} of ${total} events arrived.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return (total - c0) / seconds;
}

async function bareRound(connectionString: string, total: number): Promise<number> {
  const { EventHubConsumerClient, earliestEventPosition } = await import('@azure/event-hubs');
  const client = new EventHubConsumerClient('$Default', connectionString, HUB);
  let count = 0;
  const subscription = client.subscribe(
    {
      processEvents: async (events) => {
        count += events.length;
      },
      processError: async () => undefined,
    },
    { startPosition: earliestEventPosition, maxBatchSize: MAX_BATCH_SIZE, maxWaitTimeInSeconds: MAX_WAIT_SECONDS, skipParsingBodyAsJson: true },
  );
  try {
    return await measure(total, () => count);
  } finally {
    await subscription.close();
    await client.close();
  }
}

async function sessionRound(connectionString: string, port: number, total: number): Promise<number> {
  const { createTailSession } = await import('../../src/tail/session');
  const session = createTailSession(
    { configId: 'bench', label: 'bench', namespaceHost: `127.0.0.1:${port}`, hubName: HUB, consumerGroup: '$Default', auth: { kind: 'connectionString', connectionString } },
    { start: { kind: 'earliest' }, filter: { tables: FILTER_TABLES }, bufferSize: 10_000, maxBatchSize: MAX_BATCH_SIZE, maxWaitTimeInSeconds: MAX_WAIT_SECONDS },
  );
  let shown = 0;
  session.onEntries((entries) => (shown += entries.length)); // a listener, as the panel would have
  try {
    return await measure(total, () => session.stats().receivedEvents);
  } finally {
    await session.stop();
    if (shown === 0) throw new Error('The tail session showed no entries.');
  }
}

export const smokeOptions: TailBenchOptions = { events: 2000, rounds: 1 };

export async function run(options: TailBenchOptions = {}): Promise<TailBenchResult> {
  const events = options.events ?? 20_000;
  const rounds = options.rounds ?? 5;
  const hub = await startHubProcess(events);
  try {
    await bareRound(hub.connectionString, events); // warm-up (JIT, connections)
    await sessionRound(hub.connectionString, hub.port, events);
    const value: number[] = [];
    const baseline: number[] = [];
    for (let r = 0; r < rounds; r++) {
      if (r % 2 === 0) {
        baseline.push(await bareRound(hub.connectionString, events));
        value.push(await sessionRound(hub.connectionString, hub.port, events));
      } else {
        value.push(await sessionRound(hub.connectionString, hub.port, events));
        baseline.push(await bareRound(hub.connectionString, events));
      }
    }
    const v = median(value);
    const b = median(baseline);
    return { value: Math.round(v), baseline: Math.round(b), ratio: v / b, unit: 'events/s', events, spread: { value, baseline }, target: '≥ 0.9× baseline' };
  } finally {
    await stopChild(hub.child);
  }
}

const serveAt = process.argv.indexOf('--serve-hub');
if (serveAt > 0) {
  void serveHub(Number(process.argv[serveAt + 1]));
} else if (process.argv[1] && /tail\.ts$/.test(process.argv[1])) {
  // `node --import tsx bench/benchmarks/tail.ts` runs it alone.
  void run().then((r) => console.log(JSON.stringify(r, null, 1)));
}
