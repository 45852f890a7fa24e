/**
 * tail: events/s from a local hub through a tail session (decode, count, 3-table filter, ring buffer)
 * against a bare `EventHubConsumerClient` with the same batch settings that only counts events. The hub
 * runs in a child process (as a real namespace would be elsewhere), preloaded with generated Defender
 * messages; every round reads all of them from the earliest position. Median of several rounds.
 *
 * Also reported, to explain the ratio: the client's CPU time per event on each side, and, measured in
 * this process over the same bodies, the cost of the one thing a tail cannot skip, proving each body
 * well-formed and finding its records' tables (`scanPerEventUs`: src/core/decode/scanMessage.ts), next
 * to what parsing them would cost (`parsePerEventUs`: `toString` + `JSON.parse`). When the bare
 * consumer keeps its core busy, a tail that scans on the receiving thread can reach at most
 * bare / (bare + scan) of its rate: `sameThreadCeiling`.
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
  /** Events preloaded into the hub (default 40,000, one ~2 KB record each). */
  readonly events?: number;
  /** Measured rounds per side (default 15, in alternating order) after one warm-up round each. */
  readonly rounds?: number;
}

export interface TailBenchResult {
  /** events/s through the tail session (median). */
  readonly value: number;
  /** events/s through a bare consumer that only counts (median). */
  readonly baseline: number;
  readonly ratio: number;
  /** Median of the per-round ratios (each tail round over the bare round run next to it): less sensitive to drift of a shared machine. */
  readonly pairedRatio: number;
  readonly unit: 'events/s';
  readonly events: number;
  readonly spread: { readonly value: readonly number[]; readonly baseline: readonly number[] };
  /** Client CPU (user + system) per event, µs (median of the rounds). */
  readonly cpuPerEventUs: { readonly value: number; readonly baseline: number };
  /** `scanInto` of one body (copy into the scanner, scan, tables), µs (median of passes over the same bodies). */
  readonly scanPerEventUs: number;
  /** `toString('utf8')` + `JSON.parse` of one body, µs: what the tail no longer does for every body. */
  readonly parsePerEventUs: number;
  /** baseline CPU / (baseline CPU + scan): the best ratio a tail scanning on the receiving thread can reach here. */
  readonly sameThreadCeiling: number;
  readonly summary: string;
  readonly target: string;
}

interface Round {
  /** events/s */
  readonly rate: number;
  /** client CPU per event, µs */
  readonly cpuUs: number;
}

// ---- the hub, in a child process ---------------------------------------------------------------

/** The bodies the hub serves (the same in the hub process and, for the scan and parse floors, in this one). */
async function bodies(events: number): Promise<Buffer[]> {
  const { DefenderTrafficGenerator } = await import('../../src/traffic/index');
  const generator = new DefenderTrafficGenerator({ seed: 'bench-tail', recordsPerMessage: 1 });
  return Array.from({ length: events }, () => Buffer.from(generator.message(undefined, 1).body));
}

async function serveHub(events: number): Promise<void> {
  const { startLocalHub } = await import('../../src/localHub/index');
  const hub = await startLocalHub({ hubs: [{ name: HUB, partitionCount: PARTITIONS }], maxEventsPerPartition: events });
  const all = await bodies(events);
  const perPartition = Math.ceil(events / PARTITIONS);
  for (let p = 0; p < PARTITIONS; p++) {
    hub.append(
      HUB,
      all.slice(p * perPartition, (p + 1) * perPartition).map((body) => ({ body })),
      String(p),
    );
  }
  process.stdout.write(`${JSON.stringify({ connectionString: hub.connectionStringFor(HUB), port: hub.port })}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void hub.stop().then(() => process.exit(0)));
}

async function startHubProcess(events: number): Promise<{ child: ChildProcess; connectionString: string; port: number }> {
  const file = fileURLToPath(import.meta.url);
  const root = path.resolve(path.dirname(file), '..', '..');
  const child = spawn(process.execPath, ['--import', 'tsx', file, '--serve-hub', String(events)], {
    cwd: root,
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`The bench hub exited early (code ${code}).`)));
  });
  const ready = JSON.parse(first) as { connectionString: string; port: number };
  return { child, ...ready };
}

// ---- one round each ----------------------------------------------------------------------------

/** Polls a counter the same way for both sides: rate (and CPU) from the first event seen to the last one. */
async function measure(total: number, count: () => number, timeoutMs = 120_000): Promise<Round> {
  const deadline = Date.now() + timeoutMs;
  let t0 = 0n;
  let c0 = 0;
  let cpu0 = process.cpuUsage();
  for (;;) {
    const c = count();
    if (t0 === 0n && c > 0) {
      t0 = process.hrtime.bigint();
      cpu0 = process.cpuUsage();
      c0 = c;
    }
    if (c >= total) break;
    if (Date.now() > deadline) throw new Error(`Only ${c} of ${total} events arrived.`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const cpu = process.cpuUsage(cpu0);
  return { rate: (total - c0) / seconds, cpuUs: (cpu.user + cpu.system) / (total - c0) };
}

/** µs per body of `count(body)` (which returns the body's records), median of 5 passes over the same bodies. */
function perBody(all: readonly Buffer[], count: (body: Buffer) => number): number {
  const passes: number[] = [];
  let sink = 0;
  for (let r = 0; r < 6; r++) {
    const t0 = process.hrtime.bigint();
    for (const body of all) sink += count(body);
    if (r > 0) passes.push(Number(process.hrtime.bigint() - t0) / 1e3 / all.length); // the first pass warms up
  }
  if (sink !== all.length * 5 + all.length) throw new Error('A body did not read as one record.');
  return median(passes);
}

async function floors(all: readonly Buffer[]): Promise<{ scan: number; parse: number }> {
  const { scanInto, ScannedRecords } = await import('../../src/core/decode/scanMessage');
  const out = new ScannedRecords();
  return {
    scan: round1(perBody(all, (body) => (scanInto(body, out) ? out.count : 0))),
    parse: round1(perBody(all, (body) => (JSON.parse(body.toString('utf8')) as { records: unknown[] }).records.length)),
  };
}

async function bareRound(connectionString: string, total: number): Promise<Round> {
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
    {
      startPosition: earliestEventPosition,
      maxBatchSize: MAX_BATCH_SIZE,
      maxWaitTimeInSeconds: MAX_WAIT_SECONDS,
      skipParsingBodyAsJson: true,
    },
  );
  try {
    return await measure(total, () => count);
  } finally {
    await subscription.close();
    await client.close();
  }
}

async function sessionRound(connectionString: string, port: number, total: number): Promise<Round> {
  const { createTailSession } = await import('../../src/tail/session');
  const session = createTailSession(
    {
      configId: 'bench',
      label: 'bench',
      namespaceHost: `127.0.0.1:${port}`,
      hubName: HUB,
      consumerGroup: '$Default',
      auth: { kind: 'connectionString', connectionString },
    },
    {
      start: { kind: 'earliest' },
      filter: { tables: FILTER_TABLES },
      bufferSize: 10_000,
      maxBatchSize: MAX_BATCH_SIZE,
      maxWaitTimeInSeconds: MAX_WAIT_SECONDS,
    },
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
  const events = options.events ?? 40_000;
  const rounds = options.rounds ?? 15;
  const hub = await startHubProcess(events);
  try {
    await bareRound(hub.connectionString, events); // warm-up (JIT, connections)
    await sessionRound(hub.connectionString, hub.port, events);
    const value: Round[] = [];
    const baseline: Round[] = [];
    for (let r = 0; r < rounds; r++) {
      if (r % 2 === 0) {
        baseline.push(await bareRound(hub.connectionString, events));
        value.push(await sessionRound(hub.connectionString, hub.port, events));
      } else {
        value.push(await sessionRound(hub.connectionString, hub.port, events));
        baseline.push(await bareRound(hub.connectionString, events));
      }
    }
    const pairedRatio = median(value.map((x, i) => x.rate / baseline[i].rate));
    const v = median(value.map((x) => x.rate));
    const b = median(baseline.map((x) => x.rate));
    const cpu = { value: round1(median(value.map((x) => x.cpuUs))), baseline: round1(median(baseline.map((x) => x.cpuUs))) };
    const floor = await floors(await bodies(events));
    const ceiling = cpu.baseline / (cpu.baseline + floor.scan);
    const n = (x: number) => Math.round(x).toLocaleString('en-US');
    const summary = `${n(v)} events/s, baseline ${n(b)}, ratio ${(v / b).toFixed(3)} (paired rounds ${pairedRatio.toFixed(3)}); client CPU ${cpu.value} vs ${cpu.baseline} µs/event; scanning a body costs ${floor.scan} µs (parsing it ${floor.parse}): same-thread ceiling ${ceiling.toFixed(2)}×`;
    return {
      value: Math.round(v),
      baseline: Math.round(b),
      ratio: v / b,
      pairedRatio,
      unit: 'events/s',
      events,
      spread: { value: value.map((x) => x.rate), baseline: baseline.map((x) => x.rate) },
      cpuPerEventUs: cpu,
      scanPerEventUs: floor.scan,
      parsePerEventUs: floor.parse,
      sameThreadCeiling: ceiling,
      summary,
      target: '≥ 0.9× baseline',
    };
  } finally {
    await stopChild(hub.child);
  }
}

function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

const serveAt = process.argv.indexOf('--serve-hub');
if (serveAt > 0) {
  void serveHub(Number(process.argv[serveAt + 1]));
} else if (process.argv[1] && /tail\.ts$/.test(process.argv[1])) {
  // `node --import tsx bench/benchmarks/tail.ts` runs it alone.
  void run().then((r) => console.log(JSON.stringify(r, null, 1)));
}
