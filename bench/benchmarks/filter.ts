/**
 * filter: the cost per record of the tail's filters on records kept as text (the tail's fast path: a
 * record's JSON bytes, decoded when a filter reads them). The text filter (`--grep`) is the baseline;
 * the where-filter is measured with a string test (checked on the JSON before parsing) and with a
 * numeric test (every record parsed). Nanoseconds per record, median of several rounds.
 */
import { compileFilter, type RecordFilterSpec } from '../../src/core/filter/recordFilter';
import { TextTailRecord } from '../../src/tail/textRecord';
import { DefenderTrafficGenerator } from '../../src/traffic/index';
import { median } from '../lib/stats';

export interface FilterBenchOptions {
  /** Records per round (default 100,000, cycling through `distinct` generated ones). */
  readonly records?: number;
  readonly distinct?: number;
  /** Measured rounds (default 7) after one warm-up round. */
  readonly rounds?: number;
}

const TEXT: RecordFilterSpec = { text: 'ConnectionFailed' };
const WHERE: RecordFilterSpec = { where: 'ActionType == "ConnectionFailed"' };
const WHERE_NUMERIC: RecordFilterSpec = { where: 'RemotePort between (1 .. 1023) or InitiatingProcessId > 100000' };

function buildRecords(records: number, distinct: number): TextTailRecord[] {
  const generator = new DefenderTrafficGenerator({ seed: 'bench-filter', now: () => Date.UTC(2026, 11, 1, 9) });
  const tables = generator.tables;
  const texts: Buffer[] = [];
  for (let i = 0; i < distinct; i++) texts.push(Buffer.from(JSON.stringify(generator.record(tables[i % tables.length])), 'utf8'));
  const out: TextTailRecord[] = [];
  for (let i = 0; i < records; i++) {
    const store = texts[i % distinct];
    out.push(new TextTailRecord(i, 'T', true, false, store.length, '0', i, 0, store, 0, store.length));
  }
  return out;
}

/** Nanoseconds per record for one pass of `spec` over the records; the matches go to `sink`. */
function pass(spec: RecordFilterSpec, records: readonly TextTailRecord[], sink: { n: number }): number {
  const filter = compileFilter(spec);
  const start = process.hrtime.bigint();
  let n = 0;
  for (let i = 0; i < records.length; i++) if (filter.matchesContent(records[i])) n++;
  const ns = Number(process.hrtime.bigint() - start);
  sink.n += n;
  return ns / records.length;
}

export async function runFilter(options: FilterBenchOptions = {}) {
  const records = buildRecords(options.records ?? 100_000, options.distinct ?? 1000);
  const rounds = options.rounds ?? 7;
  const sink = { n: 0 };
  const specs = [TEXT, WHERE, WHERE_NUMERIC];
  for (const spec of specs) pass(spec, records, sink); // warm-up
  const times: number[][] = specs.map(() => []);
  for (let r = 0; r < rounds; r++)
    for (let s = 0; s < specs.length; s++) times[(s + r) % specs.length].push(pass(specs[(s + r) % specs.length], records, sink));
  const round = (n: number) => Math.round(n);
  const [text, where, numeric] = times.map(median);
  const ratio = Math.round((where / text) * 100) / 100;
  const numericRatio = Math.round((numeric / text) * 100) / 100;
  return {
    value: round(where),
    baseline: round(text),
    ratio,
    unit: 'ns/record',
    numeric: { value: round(numeric), ratio: numericRatio },
    spread: { value: times[1].map(round), baseline: times[0].map(round), numeric: times[2].map(round) },
    target: '≤ 2× the text filter (string test)',
    summary: `where \`${WHERE.where}\` ${round(where)} ns/record vs text filter ${round(text)} (ratio ${ratio}); a numeric where (every record parsed) ${round(numeric)} ns (ratio ${numericRatio})`,
  };
}

export const run = runFilter;

/** `npm run bench -- --smoke`: a second or two. */
export const smokeOptions: FilterBenchOptions = { records: 20_000, distinct: 300, rounds: 3 };

// `node --import tsx bench/benchmarks/filter.ts` runs it alone.
if (process.argv[1] && /filter\.ts$/.test(process.argv[1])) {
  void runFilter().then((r) => console.log(JSON.stringify({ ...r, spread: undefined }, null, 1)));
}
