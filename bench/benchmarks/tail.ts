/**
 * tail: events/s from a local hub through a tail session (decode, count, 3-table filter, ring buffer)
 * against a bare `EventHubConsumerClient` with the same batch settings that only counts events. The hub
 * runs in a child process (bench/lib/benchHub.ts), preloaded with generated Defender messages; every
 * round reads all of them from the earliest position.
 *
 * The headline `ratio` is the median of paired ratios: bare and tail rounds run in pairs, back to back
 * (the order alternating from pair to pair), and each pair gives tail rate / bare rate. A shared machine
 * drifts (other processes, thermal, the hub's own heap) over seconds; a pair sees the same drift on both
 * sides, so its ratio keeps little of it, where the ratio of the two medians keeps it all. The per-pair
 * ratios are in `spread.pairedRatios`; the plain medians stay `value` and `baseline`, their ratio
 * `ratioOfMedians`.
 *
 * What made the ratio vary from run to run, and what this does about it:
 * - garbage from one round collected during another (the tail allocates more than the bare client, and
 *   the hub allocates a frame per delivery): both this process and the hub process run a full GC before
 *   every round (`forceGc`, `BenchHub.collectGarbage`);
 * - short rounds (40,000 events, ~0.6 s), where connecting, the first credits and the 5 ms polling of
 *   `measure` weigh: rounds now read 100,000 events (~1.5 s) and the counter is polled every 2 ms; the
 *   rate is taken from the first event seen to the last (the rate of the middle 80% is reported too);
 * - an uneven poll: the tail side was read through `stats()`, which builds the per-table list on every
 *   call; it is now read from the session's live counters (`liveCounters`), as cheap as the bare side's;
 * - warm-up: JIT of the tail's decode path and of the hub's delivery path takes more than one round: two
 *   unmeasured pairs;
 * - the hub competes with the client for the same two cores: nothing to pin here (pinning them apart
 *   starves the GC threads), but both sides of a pair pay it alike, which the paired ratio relies on.
 *
 * Each set also runs the same session in a worker thread of its own (the extension's design): `workerRatio`
 * is its paired ratio over the set's bare round, what the tail reaches with its work split off this thread.
 *
 * Also reported, to explain the ratio: the client's CPU time per event on each side, and, measured in
 * this process over the same bodies, the cost of the one thing a tail cannot skip, proving each body
 * well-formed and finding its records' tables (`scanPerEventUs`: src/core/decode/scanMessage.ts), next
 * to what parsing them would cost (`parsePerEventUs`: `toString` + `JSON.parse`). When the bare
 * consumer keeps its core busy, a tail that scans on the receiving thread can reach at most
 * bare / (bare + scan) of its rate: `sameThreadCeiling`. And since the hub's process shares the machine's
 * cores: the cores both processes kept busy on each side (`coresBusy`), the ratio their CPU per event
 * allows (`cpuBoundRatio`: client + hub, bare over tail) and the best a tail that only scanned could do
 * (`machineCeiling`). The split of the work across two threads is its own benchmark, `tailSplit`.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { benchBodies, benchTarget, type BenchHub } from '../lib/benchHub';
import { median, spread } from '../lib/stats';
import {
  bareRound,
  coresBusy,
  FILTER_TABLES,
  MAX_BATCH_SIZE,
  MAX_WAIT_SECONDS,
  measure,
  ROOT,
  round1,
  settled,
  TAIL_HUB,
  threadUs,
  PAIRED_SMOKE_OPTIONS,
  pairedRates,
  pairedSummary,
  withTailHub,
  type PairedRatesResult,
  type PairedRoundsOptions,
  type Round,
} from '../lib/tailRounds';

/** Bodies the scan and parse floors are measured over (the first of those the hub serves). */
const FLOOR_BODIES = 20_000;

/** Rounds default to 21 sets (a bare, a tail and a worker round each) after 2 warm-up sets: the median of 11 paired ratios moved ±5% from run to run, of 21 about √(21/11) less. */
export type TailBenchOptions = PairedRoundsOptions;

export interface TailBenchResult extends PairedRatesResult {
  /** The same session in a worker thread (the extension's design), over the bare round of its set (median). */
  readonly workerRatio: number;
  /**
   * (bare client CPU + hub CPU) / (tail client CPU + hub CPU) per event: the ratio the tail would have if the
   * machine's cores, shared by the client and the hub, were the limit.
   */
  readonly cpuBoundRatio: number;
  /** The same with nothing added to the bare side but the scan (`scanPerEventUs`): the best a tail that scans every body can do on a machine its hub shares. */
  readonly machineCeiling: number;
  /** Cores busy (client + hub CPU time over wall time) on each side (median of the rounds). */
  readonly coresBusy: { readonly value: number; readonly baseline: number };
  /** This thread's own CPU per event (Linux), µs, median of the rounds: the tail on it, and the bare consumer. */
  readonly receivingThreadUs: { readonly value: number; readonly baseline: number };
  /** value / baseline: the ratio of the plain medians (keeps the machine's drift between rounds). */
  readonly ratioOfMedians: number;
  /** The median of the paired ratios of the rates between 10% and 90% of the events (the steady middle of each round). */
  readonly middlePairedRatio: number;
  readonly spread: PairedRatesResult['spread'] & {
    /** The same ratios of the middle 80% of each round. */
    readonly middlePairedRatios: readonly number[];
    /** worker / bare of each set. */
    readonly workerPairedRatios: readonly number[];
  };
  /** Client CPU (user + system) per event, µs (median of the rounds). */
  readonly cpuPerEventUs: { readonly value: number; readonly baseline: number };
  /** The hub process's CPU per event while serving each side (whole rounds), µs: with the client's, what the two cores are asked for. */
  readonly hubCpuPerEventUs: { readonly value: number; readonly baseline: number };
  /** `scanInto` of one body (copy into the scanner, scan, tables), µs (median of passes over the same bodies). */
  readonly scanPerEventUs: number;
  /** `toString('utf8')` + `JSON.parse` of one body, µs: what the tail no longer does for every body. */
  readonly parsePerEventUs: number;
  /** baseline CPU / (baseline CPU + scan): the best ratio a tail scanning on the receiving thread can reach here. */
  readonly sameThreadCeiling: number;
}

// ---- one round each ----------------------------------------------------------------------------

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

async function sessionRound(hub: BenchHub, total: number): Promise<Round> {
  const { createTailSession } = await import('../../src/tail/session');
  const { LIVE_COUNTERS } = await import('../../src/tail/pipeline');
  // The session's running totals, written after every batch: as cheap to poll as the bare side's counter
  // (`stats()` builds the per-table list every time).
  const live = new Float64Array(LIVE_COUNTERS.length);
  const session = createTailSession(benchTarget(hub), {
    start: { kind: 'earliest' },
    filter: { tables: FILTER_TABLES },
    bufferSize: 10_000,
    maxBatchSize: MAX_BATCH_SIZE,
    maxWaitTimeInSeconds: MAX_WAIT_SECONDS,
    liveCounters: live,
  });
  let shown = 0;
  session.onEntries((entries) => (shown += entries.length)); // a listener, as the panel would have
  try {
    return await measure(total, () => live[LIVE_COUNTERS.receivedEvents]);
  } finally {
    await session.stop();
    if (shown === 0) throw new Error('The tail session showed no entries.');
  }
}

/**
 * The same session in a worker thread of its own (the extension's design, src/tail/worker/): the Event Hubs
 * client, decoding and buffer run there, and this thread only gets the batches. Its TypeScript source runs
 * through tsx (`--require tsx/cjs`, see bench/benchmarks/hostLoop.ts). Counted from the counters the worker
 * shares (`stats()` reads them from shared memory).
 */
async function workerRound(hub: BenchHub, total: number): Promise<Round> {
  const { createWorkerTailSession } = await import('../../src/tail/worker/workerTailSession');
  const session = createWorkerTailSession(
    benchTarget(hub),
    {
      start: { kind: 'earliest' },
      filter: { tables: FILTER_TABLES },
      bufferSize: 10_000,
      maxBatchSize: MAX_BATCH_SIZE,
      maxWaitTimeInSeconds: MAX_WAIT_SECONDS,
    },
    { workerFile: path.join(ROOT, 'src', 'tail', 'worker', 'tailWorker.ts'), execArgv: ['--require', 'tsx/cjs'] },
  );
  let shown = 0;
  session.onEntries((entries) => (shown += entries.length));
  try {
    // The client's CPU here is this process's: both threads.
    return await measure(total, () => session.stats().receivedEvents);
  } finally {
    await session.stop();
    if (shown === 0) throw new Error('The worker tail session showed no entries.');
  }
}

type Kind = 'bare' | 'tail' | 'worker';
type Set = Record<Kind, Round>;

/**
 * One set: a bare round, a tail round and a worker-tail round back to back, in the order bare, tail, worker
 * when `bareFirst`, else worker, tail, bare (the tail round always next to the bare one).
 */
async function pair(hub: BenchHub, events: number, bareFirst: boolean): Promise<Set> {
  const rounds: Record<Kind, (hub: BenchHub, total: number) => Promise<Round>> = {
    bare: bareRound,
    tail: sessionRound,
    worker: workerRound,
  };
  const order: Kind[] = bareFirst ? ['bare', 'tail', 'worker'] : ['worker', 'tail', 'bare'];
  const set: Partial<Set> = {};
  for (const kind of order) set[kind] = await settled(hub, events, () => rounds[kind](hub, events));
  return set as Set;
}

export const smokeOptions = PAIRED_SMOKE_OPTIONS;

export async function run(options: TailBenchOptions = {}): Promise<TailBenchResult> {
  return withTailHub(options, { rounds: 21, warmUp: 2 }, async (hub, { events, rounds, warmUp }) => {
    for (let r = 0; r < warmUp; r++) await pair(hub, events, r % 2 === 0); // JIT of both processes, connections
    const value: Round[] = [];
    const baseline: Round[] = [];
    const inWorker: Round[] = [];
    for (let r = 0; r < rounds; r++) {
      const { bare, tail, worker } = await pair(hub, events, r % 2 === 0);
      baseline.push(bare);
      value.push(tail);
      inWorker.push(worker);
      const k = (x: number) => `${Math.round(x / 1000)}k`;
      console.log(
        `set ${r + 1}/${rounds} (${r % 2 === 0 ? 'bare first' : 'worker first'}): bare ${k(bare.rate)}, tail ${k(tail.rate)}, worker ${k(worker.rate)} events/s, ` +
          `ratio ${(tail.rate / bare.rate).toFixed(3)} (middle 80%: ${(tail.middleRate / bare.middleRate).toFixed(3)}), worker ${(worker.rate / bare.rate).toFixed(3)}`,
      );
    }
    const rates = pairedRates(value, baseline, events);
    const workerPairedRatios = inWorker.map((x, i) => x.rate / baseline[i].rate);
    const workerRatio = median(workerPairedRatios);
    const middlePairedRatios = value.map((x, i) => x.middleRate / baseline[i].middleRate);
    const v = median(value.map((x) => x.rate));
    const b = median(baseline.map((x) => x.rate));
    const cpu = { value: round1(median(value.map((x) => x.cpuUs))), baseline: round1(median(baseline.map((x) => x.cpuUs))) };
    const hubCpu = {
      value: round1(median(value.map((x) => x.hubCpuUs ?? Number.NaN))),
      baseline: round1(median(baseline.map((x) => x.hubCpuUs ?? Number.NaN))),
    };
    const floor = await floors(await benchBodies(TAIL_HUB, Math.min(events, FLOOR_BODIES)));
    const ceiling = cpu.baseline / (cpu.baseline + floor.scan);
    // Both processes share the machine's cores: what the tail asks of them per event against the bare side.
    const bareMachine = cpu.baseline + hubCpu.baseline;
    const cpuBoundRatio = bareMachine / (cpu.value + hubCpu.value);
    const machineCeiling = bareMachine / (bareMachine + floor.scan);
    const busy = { value: coresBusy(value), baseline: coresBusy(baseline) };
    const receivingThreadUs = { value: threadUs(value), baseline: threadUs(baseline) };
    const n = (x: number) => Math.round(x).toLocaleString('en-US');
    const summary =
      `${pairedSummary(rates)}; ` +
      `${n(v)} events/s, baseline ${n(b)} (ratio of medians ${(v / b).toFixed(3)}); client CPU ${cpu.value} vs ${cpu.baseline} µs/event (hub ${hubCpu.value} vs ${hubCpu.baseline}); ` +
      `scanning a body costs ${floor.scan} µs (parsing it ${floor.parse}): same-thread ceiling ${ceiling.toFixed(2)}×; ` +
      `the tail in a worker thread: ratio ${workerRatio.toFixed(3)} (${spread(workerPairedRatios).min.toFixed(3)}–${spread(workerPairedRatios).max.toFixed(3)}); ` +
      `cores busy ${busy.baseline} bare, ${busy.value} tail (of ${availableParallelism()}); ` +
      `CPU per event, client + hub: ${round1(cpu.value + hubCpu.value)} vs ${round1(bareMachine)} µs (ratio ${cpuBoundRatio.toFixed(3)}; with the scan alone ${machineCeiling.toFixed(3)}); ` +
      `this thread's CPU ${receivingThreadUs.value} µs/event with the tail on it, ${receivingThreadUs.baseline} bare`;
    return {
      ...rates,
      workerRatio,
      cpuBoundRatio,
      machineCeiling,
      coresBusy: busy,
      receivingThreadUs,
      ratioOfMedians: v / b,
      middlePairedRatio: median(middlePairedRatios),
      spread: {
        ...rates.spread,
        middlePairedRatios,
        workerPairedRatios,
      },
      cpuPerEventUs: cpu,
      hubCpuPerEventUs: hubCpu,
      scanPerEventUs: floor.scan,
      parsePerEventUs: floor.parse,
      sameThreadCeiling: ceiling,
      summary,
      target: '≥ 0.95× baseline (paired median)',
    };
  });
}

if (process.argv[1] && /tail\.ts$/.test(process.argv[1])) {
  // `node --import tsx bench/benchmarks/tail.ts` runs it alone.
  void run().then((r) => console.log(JSON.stringify(r, null, 1)));
}
