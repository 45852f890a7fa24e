/**
 * What the tail benchmarks share (bench/benchmarks/tail.ts, tailSplit.ts): the consumers' batch settings, one
 * round of reading all of a bench hub's events measured the same way for every side, the bare consumer's
 * round (the baseline), and the CPU each side asks of the machine.
 */
import { readFileSync } from 'node:fs';
import type { ReceivedEventData } from '@azure/event-hubs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { forceGc, startBenchHub, type BenchHub } from './benchHub';
import { median, spread } from './stats';

/** The repository's root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The hub of the tail benchmarks (its name seeds the generator: every tail benchmark reads the same bodies). */
export const TAIL_HUB = 'bench-tail';
export const MAX_BATCH_SIZE = 300;
export const MAX_WAIT_SECONDS = 1;
export const FILTER_TABLES = ['DeviceProcessEvents', 'DeviceNetworkEvents', 'EmailEvents'];
/** How often `measure` reads the event counter. */
const POLL_MS = 2;

export interface Round {
  /** events/s from the first event seen to the last */
  readonly rate: number;
  /** events/s between the 10th and the 90th percent of the events (without the start and the end, where partitions ramp up and finish one by one) */
  readonly middleRate: number;
  /** client CPU per event, µs */
  readonly cpuUs: number;
  /** this thread's CPU time per event, µs (`threadCpuMicros`): with the tail in a worker, only the polling */
  readonly threadUs: number;
  /** the hub process's CPU per event over the whole round (connecting and closing included), µs */
  readonly hubCpuUs?: number;
}

export interface PairedRoundsOptions {
  /** Events preloaded into the hub (default 100,000, one ~2 KB record each). */
  readonly events?: number;
  /** Measured pairs (sets) of rounds, in alternating order. */
  readonly rounds?: number;
  /** Unmeasured pairs first. */
  readonly warmUp?: number;
}

/**
 * Starts the tail benchmarks' hub with `options.events` (default 100,000), runs `body` with the options'
 * sizes (or `defaults`) and stops the hub whatever happens.
 */
export async function withTailHub<T>(
  options: PairedRoundsOptions,
  defaults: { readonly rounds: number; readonly warmUp: number },
  body: (hub: BenchHub, sizes: { readonly events: number; readonly rounds: number; readonly warmUp: number }) => Promise<T>,
): Promise<T> {
  const events = options.events ?? 100_000;
  const hub = await startBenchHub({ name: TAIL_HUB, events });
  try {
    return await body(hub, { events, rounds: options.rounds ?? defaults.rounds, warmUp: options.warmUp ?? defaults.warmUp });
  } finally {
    await hub.stop();
  }
}

/** A few seconds: one warm-up pair and one measured over 2,000 events (`npm run bench -- --smoke`). */
export const PAIRED_SMOKE_OPTIONS: PairedRoundsOptions = { events: 2000, rounds: 1, warmUp: 1 };

/** What a tail benchmark reports of its paired rounds (the side measured against the bare consumer). */
export interface PairedRatesResult {
  /** events/s through the side measured (median of its rounds). */
  readonly value: number;
  /** events/s through the bare consumer (median of its rounds). */
  readonly baseline: number;
  /** The headline: median of the paired ratios (each round over the bare round run next to it). */
  readonly ratio: number;
  readonly unit: 'events/s';
  readonly events: number;
  readonly pairs: number;
  readonly spread: {
    readonly value: readonly number[];
    readonly baseline: readonly number[];
    /** side / bare of each pair, in the order run. */
    readonly pairedRatios: readonly number[];
    /** min, max and (max - min) / median of the paired ratios. */
    readonly ratio: { readonly min: number; readonly max: number; readonly relative: number };
  };
  readonly summary: string;
  readonly target: string;
}

/**
 * Polls a counter the same way for both sides: rate (and CPU) from the first event seen to the last one,
 * and the rate between the first poll that saw 10% of the events and the first that saw 90%.
 */
export async function measure(total: number, count: () => number, timeoutMs = 120_000): Promise<Round> {
  const deadline = Date.now() + timeoutMs;
  let t0 = 0n;
  let c0 = 0;
  let cpu0 = process.cpuUsage();
  let thread0 = threadCpuMicros();
  const low = { t: 0n, c: 0 };
  const high = { t: 0n, c: 0 };
  for (;;) {
    const c = count();
    const now = process.hrtime.bigint();
    if (t0 === 0n && c > 0) {
      t0 = now;
      cpu0 = process.cpuUsage();
      thread0 = threadCpuMicros();
      c0 = c;
    }
    if (low.t === 0n && c >= total * 0.1) Object.assign(low, { t: now, c });
    if (high.t === 0n && c >= total * 0.9) Object.assign(high, { t: now, c });
    if (c >= total) break;
    if (Date.now() > deadline) throw new Error(`Only ${c} of ${total} events arrived.`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const end = process.hrtime.bigint();
  const cpu = process.cpuUsage(cpu0);
  const thread = threadCpuMicros() - thread0;
  const rate = (total - c0) / (Number(end - t0) / 1e9);
  // Too few polls between the two marks (a tiny smoke round): the whole round's rate.
  const middleRate = high.t > low.t && high.c > low.c ? (high.c - low.c) / (Number(high.t - low.t) / 1e9) : rate;
  return { rate, middleRate, cpuUs: (cpu.user + cpu.system) / (total - c0), threadUs: thread / (total - c0) };
}

/**
 * This thread's own CPU time (user + system), µs, from Linux's /proc/thread-self/stat (clock ticks of 10 ms:
 * a round of ~2 s reads to about 0.5%); NaN elsewhere. `process.cpuUsage` counts every thread of the process,
 * and event-loop utilization counts wall time, which grows whenever another thread has the core.
 */
export function threadCpuMicros(): number {
  try {
    const stat = readFileSync('/proc/thread-self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' '); // from field 3 (state) on
    return (Number(fields[11]) + Number(fields[12])) * 10_000; // utime, stime (fields 14 and 15)
  } catch {
    return Number.NaN;
  }
}

/**
 * One round of a bare `EventHubConsumerClient` with the tail's batch settings, from the earliest event:
 * `handle` gets each batch, and the round is measured by `count` until it reads `total`.
 */
export async function consumerRound(
  hub: BenchHub,
  total: number,
  handle: (events: ReceivedEventData[], partitionId: string) => void,
  count: () => number,
): Promise<Round> {
  const { EventHubConsumerClient, earliestEventPosition } = await import('@azure/event-hubs');
  const client = new EventHubConsumerClient('$Default', hub.connectionString, hub.name);
  const subscription = client.subscribe(
    {
      processEvents: async (events, context) => handle(events, context.partitionId),
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
    return await measure(total, count);
  } finally {
    await subscription.close();
    await client.close();
  }
}

/** The baseline: the bare consumer, only counting events. */
export async function bareRound(hub: BenchHub, total: number): Promise<Round> {
  let count = 0;
  return consumerRound(
    hub,
    total,
    (events) => {
      count += events.length;
    },
    () => count,
  );
}

/** Both processes collect their garbage first, so that none of an earlier round's lands in this one. */
export async function settled(hub: BenchHub, events: number, round: () => Promise<Round>): Promise<Round> {
  await hub.collectGarbage();
  forceGc();
  const hubCpu0 = await hub.cpuMicros();
  const result = await round();
  return { ...result, hubCpuUs: ((await hub.cpuMicros()) - hubCpu0) / events };
}

/** The paired figures of `value` rounds against the `baseline` rounds run next to them (same index). */
export function pairedRates(
  value: readonly Round[],
  baseline: readonly Round[],
  events: number,
): Omit<PairedRatesResult, 'summary' | 'target'> {
  const pairedRatios = value.map((x, i) => x.rate / baseline[i].rate);
  return {
    value: Math.round(median(value.map((x) => x.rate))),
    baseline: Math.round(median(baseline.map((x) => x.rate))),
    ratio: median(pairedRatios),
    unit: 'events/s',
    events,
    pairs: value.length,
    spread: {
      value: value.map((x) => Math.round(x.rate)),
      baseline: baseline.map((x) => Math.round(x.rate)),
      pairedRatios,
      ratio: spread(pairedRatios),
    },
  };
}

/** The headline of `pairedRates` in words: "ratio 0.912 (median of 11 paired rounds, 0.800–1.010)". */
export function pairedSummary(rates: Omit<PairedRatesResult, 'summary' | 'target'>): string {
  const s = rates.spread.ratio;
  return `ratio ${rates.ratio.toFixed(3)} (median of ${rates.pairs} paired rounds, ${s.min.toFixed(3)}–${s.max.toFixed(3)})`;
}

/** Cores busy on the machine during rounds: (client + hub CPU per event) x rate, median of the rounds. */
export function coresBusy(rounds: readonly Round[]): number {
  return round2(median(rounds.map((x) => ((x.cpuUs + (x.hubCpuUs ?? Number.NaN)) * x.rate) / 1e6)));
}

/** This thread's CPU per event (`Round.threadUs`), median of the rounds. */
export function threadUs(rounds: readonly Round[]): number {
  return round2(median(rounds.map((x) => x.threadUs)));
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
