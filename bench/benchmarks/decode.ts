/**
 * decode: the tail's per-batch pipeline (decode once, count per table, 3-table filter, ring buffer) over
 * the bytes of realistic Defender messages (generator, 20 records per message), against `JSON.parse` of
 * the same buffers. Records per second, median of several rounds.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { TailPipeline, type PipelineEvent } from '../../src/tail/pipeline';
import { DefenderTrafficGenerator } from '../../src/traffic/index';
import { median } from '../lib/stats';

export const FILTER_TABLES = ['DeviceProcessEvents', 'DeviceNetworkEvents', 'EmailEvents'];
const BATCH = 300;

export interface DecodeOptions {
  /** Messages in the corpus (20 records each); default 600. */
  readonly messages?: number;
  /** Measured rounds (default 7) after one warm-up round. */
  readonly rounds?: number;
}

export interface DecodeResult {
  /** records/s through the pipeline (median). */
  readonly value: number;
  /** records/s through JSON.parse alone (median). */
  readonly baseline: number;
  readonly ratio: number;
  readonly unit: 'records/s';
  readonly records: number;
  readonly bytes: number;
  readonly spread: { readonly value: readonly number[]; readonly baseline: readonly number[] };
  readonly target: string;
}

export function buildCorpus(messages: number): { events: PipelineEvent[]; records: number; bytes: number } {
  const generator = new DefenderTrafficGenerator({ seed: 'bench-decode', recordsPerMessage: 20, now: () => Date.UTC(2025, 0, 31, 8) });
  const events: PipelineEvent[] = [];
  let records = 0;
  let bytes = 0;
  const enqueuedTimeUtc = new Date(Date.UTC(2025, 0, 31, 8));
  for (let i = 0; i < messages; i++) {
    const message = generator.message(undefined, 20);
    const body = Buffer.isBuffer(message.body) ? message.body : Buffer.from(message.body, 'utf8');
    events.push({ body, sequenceNumber: i, enqueuedTimeUtc });
    records += message.records;
    bytes += body.byteLength;
  }
  return { events, records, bytes };
}

/** `global.gc` without the command-line flag (the runner starts modules without --expose-gc). */
function exposeGc(): () => void {
  v8.setFlagsFromString('--expose_gc');
  return vm.runInNewContext('gc') as () => void;
}

function pipelineRound(events: readonly PipelineEvent[]): number {
  const pipeline = new TailPipeline({ bufferSize: 10_000, filter: { tables: FILTER_TABLES } });
  const start = process.hrtime.bigint();
  for (let i = 0; i < events.length; i += BATCH) pipeline.ingest('0', events.slice(i, i + BATCH));
  pipeline.takePending();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return pipeline.stats().receivedRecords / seconds;
}

function baselineRound(events: readonly PipelineEvent[]): number {
  let records = 0;
  const start = process.hrtime.bigint();
  for (const event of events) {
    const parsed = JSON.parse((event.body as Buffer).toString('utf8')) as { records: unknown[] };
    records += parsed.records.length;
  }
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  return records / seconds;
}

export const smokeOptions: DecodeOptions = { messages: 60, rounds: 2 };

export async function run(options: DecodeOptions = {}): Promise<DecodeResult> {
  const corpus = buildCorpus(options.messages ?? 600);
  const rounds = options.rounds ?? 7;
  pipelineRound(corpus.events); // warm-up
  baselineRound(corpus.events);
  const gc = exposeGc();
  const value: number[] = [];
  const baseline: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate so that drift (GC, thermal) hits both sides alike.
    // A full GC before each round: neither side pays for the other's garbage.
    const sides = [() => baseline.push(baselineRound(corpus.events)), () => value.push(pipelineRound(corpus.events))];
    if (r % 2 === 1) sides.reverse();
    for (const side of sides) {
      gc();
      side();
    }
  }
  const v = median(value);
  const b = median(baseline);
  return {
    value: Math.round(v),
    baseline: Math.round(b),
    ratio: v / b,
    unit: 'records/s',
    records: corpus.records,
    bytes: corpus.bytes,
    spread: { value, baseline },
    target: '≥ 0.7× baseline',
  };
}

// `node --import tsx bench/benchmarks/decode.ts` runs it alone.
if (process.argv[1] && /decode\.ts$/.test(process.argv[1])) {
  void run().then((r) => console.log(JSON.stringify({ ...r, spread: undefined }, null, 1)));
}
