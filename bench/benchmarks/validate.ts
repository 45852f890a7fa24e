/**
 * validate: validation of a 50 MB NDJSON file of generated Defender records (the Storage-account form),
 * against `JSON.parse` of each line of the same text. Seconds per pass, median of several rounds.
 * The corpus must validate clean (the fast path); a finding would make this measure the slow path.
 */
import { DefenderTrafficGenerator } from '../../src/traffic/index';
import { validate } from '../../src/validation/validate';
import { median } from '../lib/stats';

export interface ValidateBenchOptions {
  /** Size of the NDJSON text in bytes (UTF-8); default 50 MB. */
  readonly bytes?: number;
  /** Distinct generated records the text cycles through (generation is the slow part); default 1500. */
  readonly distinct?: number;
  /** Measured rounds (default 3) after one warm-up round. */
  readonly rounds?: number;
}

export interface ValidateBenchResult {
  /** Seconds to validate the whole text (median). */
  readonly value: number;
  /** Seconds to split it into lines and JSON.parse each (median). */
  readonly baseline: number;
  readonly ratio: number;
  readonly unit: 's';
  readonly bytes: number;
  readonly lines: number;
  readonly megabytesPerSecond: number;
  readonly spread: { readonly value: readonly number[]; readonly baseline: readonly number[] };
  readonly target: string;
  readonly summary: string;
}

export function buildNdjson(bytes: number, distinct: number): { text: string; lines: number } {
  // The tables that reach Event Hubs, without the demo's deliberate drift: the corpus must have no finding at all.
  const generator = new DefenderTrafficGenerator({ seed: 'bench-validate', now: () => Date.UTC(2025, 0, 31, 8), drift: false });
  const tables = generator.tables;
  const pool: string[] = [];
  for (let i = 0; i < distinct; i++) pool.push(JSON.stringify(generator.record(tables[i % tables.length])));
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = pool[i % pool.length];
    parts.push(line);
    size += Buffer.byteLength(line, 'utf8') + 1;
  }
  return { text: `${parts.join('\n')}\n`, lines: parts.length };
}

function seconds(run: () => void): number {
  const start = process.hrtime.bigint();
  run();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function validateRound(text: string): number {
  let count = 0;
  const s = seconds(() => {
    count = validate(text, { fileName: 'bench.defender.ndjson' }).length;
  });
  if (count !== 0) throw new Error(`the benchmark corpus has ${count} findings: it would measure the slow path`);
  return s;
}

function baselineRound(text: string): number {
  return seconds(() => {
    for (const line of text.split('\n')) if (line !== '') JSON.parse(line);
  });
}

export async function runValidate(options: ValidateBenchOptions = {}): Promise<ValidateBenchResult> {
  const bytes = options.bytes ?? 50 * 1024 * 1024;
  const { text, lines } = buildNdjson(bytes, options.distinct ?? 1500);
  const rounds = options.rounds ?? 3;
  validateRound(text); // warm-up
  baselineRound(text);
  const value: number[] = [];
  const baseline: number[] = [];
  for (let r = 0; r < rounds; r++) {
    // Alternate so that drift (GC, other load) hits both sides alike.
    if (r % 2 === 0) {
      baseline.push(baselineRound(text));
      value.push(validateRound(text));
    } else {
      value.push(validateRound(text));
      baseline.push(baselineRound(text));
    }
  }
  const v = median(value);
  const b = median(baseline);
  const round = (n: number) => Math.round(n * 1000) / 1000;
  return {
    value: round(v),
    baseline: round(b),
    ratio: round(v / b),
    unit: 's',
    bytes,
    lines,
    megabytesPerSecond: round(bytes / 1024 / 1024 / v),
    spread: { value: value.map(round), baseline: baseline.map(round) },
    target: '≤ 4× baseline time (50 MB)',
    summary: `${round(v)} s for ${(bytes / 1024 / 1024).toFixed(0)} MB (${round(bytes / 1024 / 1024 / v)} MB/s, ${lines} lines); JSON.parse of each line ${round(b)} s (ratio ${round(v / b)})`,
  };
}

/** The entry point `npm run bench` calls. */
export const run = runValidate;

/** `npm run bench -- --smoke`: 5 MB, a few seconds. */
export const smokeOptions: ValidateBenchOptions = { bytes: 5 * 1024 * 1024, distinct: 300, rounds: 2 };

// `node --import tsx bench/benchmarks/validate.ts` runs it alone.
if (process.argv[1] && /validate\.ts$/.test(process.argv[1])) {
  void runValidate().then((r) => console.log(JSON.stringify({ ...r, spread: undefined }, null, 1)));
}
