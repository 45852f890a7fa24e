/**
 * tailSplit: the tail's work split across two threads, against the bare consumer in the same run (issue #20:
 * "with the work split across two threads, beating 1.0× is possible: say what you reach"). This thread runs
 * the bare consumer's client and, per batch, only copies the bodies into one buffer that it moves (not
 * copies) to a worker running the tail's pipeline (src/tail/pipeline.ts: scan, count, filter, ring buffer;
 * bench/lib/splitPipelineWorker.ts). Rounds run in pairs with a bare round, as in the `tail` benchmark, over
 * the same hub (bench/lib/benchHub.ts) and the same bodies.
 *
 * A second thread only helps with a core to run on. Reported beside the measured ratio: the cores both
 * processes kept busy on each side (`coresBusy`: the client's and the hub's CPU per event times the rate),
 * and the receiving thread's own CPU per event on each side (`receivingThreadUs`, Linux), whose ratio is
 * what the split would reach where the receiving thread is the limit and the pipeline has a core of its own
 * (`freeCoreRatio`: derived, not measured; this machine has two cores and the hub takes most of one).
 */
import type { ReceivedEventData } from '@azure/event-hubs';
import path from 'node:path';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { BenchHub } from '../lib/benchHub';
import { SPLIT_META_SLOTS, type SplitBatch, type SplitWorkerData } from '../lib/splitPipelineWorker';
import {
  bareRound,
  consumerRound,
  coresBusy,
  FILTER_TABLES,
  ROOT,
  round2,
  settled,
  threadUs,
  PAIRED_SMOKE_OPTIONS,
  pairedRates,
  pairedSummary,
  withTailHub,
  type PairedRatesResult,
  type PairedRoundsOptions,
  type Round,
} from '../lib/tailRounds';

/** Rounds default to 9 pairs after 1 warm-up pair. */
export type TailSplitOptions = PairedRoundsOptions;

export interface TailSplitResult extends PairedRatesResult {
  /** Cores the client and the hub kept busy (median of the rounds), and the machine's. */
  readonly coresBusy: { readonly value: number; readonly baseline: number; readonly available: number };
  /** The receiving thread's own CPU per event, µs (median of the rounds; NaN off Linux). */
  readonly receivingThreadUs: { readonly value: number; readonly baseline: number };
  /** receivingThreadUs.baseline / receivingThreadUs.value: the split's ratio where its receiving thread is the limit and the pipeline has a core of its own. */
  readonly freeCoreRatio: number;
}

/** One round of the split: this thread receives and hands each batch over; the worker's pipeline counts. */
async function splitRound(hub: BenchHub, total: number): Promise<Round> {
  const { LIVE_COUNTERS } = await import('../../src/tail/pipeline');
  const live = new SharedArrayBuffer(LIVE_COUNTERS.length * Float64Array.BYTES_PER_ELEMENT);
  const counters = new Float64Array(live);
  const workerData: SplitWorkerData = { live, tables: FILTER_TABLES, bufferSize: 10_000 };
  const worker = new Worker(path.join(ROOT, 'bench', 'lib', 'splitPipelineWorker.ts'), { execArgv: ['--require', 'tsx/cjs'], workerData });
  try {
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    const handOver = (events: ReceivedEventData[], partitionId: string): void => {
      const n = events.length;
      let size = 0;
      for (let i = 0; i < n; i++) size += (events[i].body as Uint8Array).byteLength;
      const bytes = new Uint8Array(size);
      const meta = new Float64Array(n * SPLIT_META_SLOTS);
      for (let i = 0, at = 0, o = 0; i < n; i++, o += SPLIT_META_SLOTS) {
        const event = events[i];
        const body = event.body as Uint8Array;
        bytes.set(body, at);
        meta[o] = event.sequenceNumber;
        meta[o + 1] = event.enqueuedTimeUtc.getTime();
        meta[o + 2] = at;
        meta[o + 3] = at += body.byteLength;
      }
      const batch: SplitBatch = { partitionId, bytes: bytes.buffer, meta, events: n };
      worker.postMessage(batch, [bytes.buffer, meta.buffer]);
    };
    try {
      return await consumerRound(hub, total, handOver, () => counters[LIVE_COUNTERS.receivedEvents]);
    } finally {
      worker.postMessage('shown');
      const shown = await new Promise<number>((resolve) => worker.once('message', resolve));
      if (shown === 0) throw new Error('The split pipeline showed no entries.');
    }
  } finally {
    await worker.terminate();
  }
}

export const smokeOptions = PAIRED_SMOKE_OPTIONS;

export async function run(options: TailSplitOptions = {}): Promise<TailSplitResult> {
  return withTailHub(options, { rounds: 9, warmUp: 1 }, async (hub, { events, rounds, warmUp }) => {
    const pair = async (bareFirst: boolean): Promise<{ bare: Round; split: Round }> => {
      const bare = () => settled(hub, events, () => bareRound(hub, events));
      const split = () => settled(hub, events, () => splitRound(hub, events));
      if (bareFirst) {
        const b = await bare();
        return { bare: b, split: await split() };
      }
      const s = await split();
      return { bare: await bare(), split: s };
    };
    for (let r = 0; r < warmUp; r++) await pair(r % 2 === 0);
    const value: Round[] = [];
    const baseline: Round[] = [];
    for (let r = 0; r < rounds; r++) {
      const { bare, split } = await pair(r % 2 === 0);
      baseline.push(bare);
      value.push(split);
      console.log(
        `pair ${r + 1}/${rounds}: bare ${Math.round(bare.rate / 1000)}k, split ${Math.round(split.rate / 1000)}k events/s, ratio ${(split.rate / bare.rate).toFixed(3)}`,
      );
    }
    const rates = pairedRates(value, baseline, events);
    const busy = { value: coresBusy(value), baseline: coresBusy(baseline), available: availableParallelism() };
    const thread = { value: threadUs(value), baseline: threadUs(baseline) };
    const freeCoreRatio = thread.baseline / thread.value;
    const n = (x: number) => Math.round(x).toLocaleString('en-US');
    const summary =
      `${pairedSummary(rates)}; ` +
      `${n(rates.value)} events/s, baseline ${n(rates.baseline)}; cores busy ${busy.value} split, ${busy.baseline} bare (of ${busy.available}); ` +
      `receiving thread's CPU ${thread.value} vs ${thread.baseline} µs/event: with a core of its own for the pipeline ${round2(freeCoreRatio)}× (derived)`;
    return {
      ...rates,
      coresBusy: busy,
      receivingThreadUs: thread,
      freeCoreRatio,
      summary,
      target: 'none: what two threads reach (#20)',
    };
  });
}
