// Fuzzing the validator with 10,000+ mutated inputs built from generated records (seeded): no exception
// escapes, no input hangs, and every finding's range lies inside the text.
import assert from 'node:assert/strict';
import { performance } from 'node:perf_hooks';
import { DefenderTrafficGenerator, HOSTILE_STRINGS, Prng } from '../../../src/traffic/index';
import { validate, type Finding } from '../../../src/validation/validate';
import { tried } from '../../support/reliabilityLog';

const AREA = 'Validator fuzzing';
const INPUTS = 10_000;

type Mutation = 'deletion' | 'insertion' | 'type swap' | 'truncation' | 'duplication' | 'combined';
const MUTATIONS: readonly Mutation[] = ['deletion', 'insertion', 'type swap', 'truncation', 'duplication', 'combined'];
const INSERTS = [
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  '"',
  '\\',
  '\n',
  '\r\n',
  '\r',
  'null',
  'true',
  '-1e999',
  '0x1F',
  'NaN',
  '\u0000',
  '\ufeff',
  '\ud800',
  '😀',
  '/*',
  '//',
  ...HOSTILE_STRINGS,
];

/** VS Code's lines (\r\n, \r and \n all end a line). */
function lines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

function swapType(value: unknown, rng: Prng): unknown {
  const choices: unknown[] = [null, 0, -1, 1.5, 2 ** 53 + 1, '', 'text', true, false, [], {}, [1, 'a'], { nested: { deeper: [null] } }];
  if (typeof value === 'string') choices.push(Number(value.length));
  return rng.pick(choices);
}

/** Replaces one randomly chosen value anywhere in the tree with a value of another type. */
function mutateTree(root: unknown, rng: Prng): unknown {
  const copy = JSON.parse(JSON.stringify(root)) as unknown;
  const slots: Array<{ parent: Record<string, unknown> | unknown[]; key: string | number }> = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      node.forEach((v, i) => {
        slots.push({ parent: node, key: i });
        walk(v);
      });
    } else if (node !== null && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        slots.push({ parent: node as Record<string, unknown>, key: k });
        walk(v);
      }
    }
  };
  walk(copy);
  for (let n = rng.int(1, 3); n > 0 && slots.length > 0; n--) {
    const slot = rng.pick(slots);
    const parent = slot.parent as Record<string | number, unknown>;
    if (rng.chance(0.15) && !Array.isArray(slot.parent)) delete parent[slot.key];
    else parent[slot.key] = swapType(parent[slot.key], rng);
  }
  return copy;
}

function mutateText(text: string, kind: Mutation, rng: Prng): string {
  switch (kind) {
    case 'deletion': {
      const at = rng.int(0, Math.max(0, text.length - 1));
      return text.slice(0, at) + text.slice(at + rng.int(1, 40));
    }
    case 'insertion': {
      const at = rng.int(0, text.length);
      return text.slice(0, at) + rng.pick(INSERTS) + text.slice(at);
    }
    case 'truncation':
      return text.slice(0, rng.int(0, text.length));
    case 'duplication': {
      const a = rng.int(0, text.length);
      const b = Math.min(text.length, a + rng.int(1, 200));
      return text.slice(0, b) + text.slice(a, b) + text.slice(b);
    }
    default:
      return text;
  }
}

function serialize(value: unknown, rng: Prng): string {
  const form = rng.int(0, 3);
  if (form === 0) return JSON.stringify(value);
  if (form === 1) return JSON.stringify(value, null, 2);
  if (form === 2) return JSON.stringify(value, null, '\t').replace(/\n/g, '\r\n');
  // NDJSON: one record per line.
  const records = (value as { records?: unknown }).records;
  return Array.isArray(records) ? records.map((r) => JSON.stringify(r)).join('\n') : JSON.stringify(value);
}

/** Why a finding's range is not inside the text, if it is not. */
function outside(f: Finding, text: string, docLines: string[]): string | undefined {
  const check = (p: { line: number; character: number }, what: string): string | undefined => {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character)) return `${what} is not whole numbers`;
    if (p.line < 0 || p.line >= docLines.length) return `${what} line ${p.line} of ${docLines.length}`;
    if (p.character < 0 || p.character > docLines[p.line].length)
      return `${what} character ${p.character} beyond line ${p.line} (length ${docLines[p.line].length})`;
    return undefined;
  };
  const problem = check(f.range.start, 'start') ?? check(f.range.end, 'end');
  if (problem) return `${f.code}: ${problem} (text length ${text.length})`;
  const { start, end } = f.range;
  if (start.line > end.line || (start.line === end.line && start.character > end.character)) return `${f.code}: start after end`;
  if (f.fix) return outside({ ...f, fix: undefined, range: f.fix.range }, text, docLines);
  return undefined;
}

describe('reliability: validator fuzzing', function () {
  this.timeout(180_000);

  it(`${INPUTS.toLocaleString('en-US')} seeded mutations of generated messages: no exception, no hang, every finding inside the text`, () => {
    const gen = new DefenderTrafficGenerator({ seed: 'fuzz', now: () => Date.parse('2025-06-01T12:00:00Z') });
    const rng = new Prng('validator-fuzz');
    const perKind = new Map<Mutation, { inputs: number; findings: number; exceptions: number; outside: number }>();
    const problems: string[] = [];
    let maxMs = 0;
    // A pool of real-shaped messages (1-4 records, every table); each input mutates one of them afresh.
    const pool = Array.from({ length: 300 }, () => ({ records: gen.records(rng.int(1, 4)) }) as unknown);
    for (let i = 0; i < INPUTS; i++) {
      const kind = MUTATIONS[i % MUTATIONS.length];
      const message = rng.pick(pool);
      let text: string;
      if (kind === 'type swap') text = serialize(mutateTree(message, rng), rng);
      else if (kind === 'combined') {
        text = serialize(mutateTree(message, rng), rng);
        for (let n = rng.int(2, 5); n > 0; n--)
          text = mutateText(text, rng.pick(['deletion', 'insertion', 'truncation', 'duplication'] as const), rng);
      } else text = mutateText(serialize(message, rng), kind, rng);
      const fileName = rng.chance(0.2) ? 'sample.defender.ndjson' : 'sample.defender.json';
      const stats = perKind.get(kind) ?? { inputs: 0, findings: 0, exceptions: 0, outside: 0 };
      perKind.set(kind, stats);
      stats.inputs++;
      const t0 = performance.now();
      let findings: Finding[] = [];
      try {
        findings = validate(text, { fileName });
      } catch (error) {
        stats.exceptions++;
        if (problems.length < 10) problems.push(`input ${i} (${kind}) threw ${(error as Error).stack ?? error}`);
        continue;
      }
      // Time is reported, never asserted: linear time is proven by the long-input cases below.
      maxMs = Math.max(maxMs, performance.now() - t0);
      stats.findings += findings.length;
      const docLines = lines(text);
      for (const f of findings) {
        const why = outside(f, text, docLines);
        if (why) {
          stats.outside++;
          if (problems.length < 10) problems.push(`input ${i} (${kind}): ${why}`);
        }
      }
    }
    for (const [kind, s] of perKind) {
      tried({
        area: AREA,
        fault: `Generated messages with random ${kind === 'combined' ? 'type swaps plus 2-5 text mutation' : kind}s (seeded; minified, pretty, CRLF and NDJSON forms)`,
        times: s.inputs,
        outcome: `${s.exceptions} exceptions, ${s.outside} findings outside the text; ${s.findings.toLocaleString('en-US')} findings in all`,
      });
    }
    const total = [...perKind.values()].reduce((n, s) => n + s.inputs, 0);
    assert.equal(total, INPUTS);
    assert.deepEqual(problems, [], `slowest input: ${Math.round(maxMs)} ms`); // problems: exceptions and findings outside the text
  });
});

describe('reliability: validator on huge and deep inputs', () => {
  const HUGE = 1_000_000;
  const TOO_LONG = /is a (long|int) column; a string of \d+ characters is too long to be a number\.$/;
  const TENANT = '8d6f3b52-1c3e-4a5b-9f0e-2b7c4d1e6a90';

  /** A DeviceEvents message whose time, long, int and datetime values are all `value`. */
  function everyTyped(value: string): string {
    const properties = { FileSize: value, RemotePort: value, ProcessCreationTime: value, DeviceName: 'pc' };
    return JSON.stringify({ records: [{ time: value, tenantId: TENANT, category: 'AdvancedHunting-DeviceEvents', properties }] });
  }

  function unknownColumns(count: number): string {
    const properties = Object.fromEntries(Array.from({ length: count }, (_, i) => [`NotAColumn${i}`, 1]));
    return JSON.stringify({
      records: [{ time: '2025-06-01T12:00:00Z', tenantId: TENANT, category: 'AdvancedHunting-DeviceEvents', properties }],
    });
  }

  const values: ReadonlyArray<[string, string]> = [
    ['1 MB of digits', '1'.repeat(HUGE)],
    ['100,000 digits then "x"', `${'1'.repeat(100_000)}x`],
    ['1 MB of digits then "x"', `${'1'.repeat(HUGE)}x`],
    ['"1.1.1.1..." (1 MB)', '1.'.repeat(HUGE / 2)],
    ['"1e1e1e..." (1 MB)', '1e'.repeat(HUGE / 2)],
    ['1 MB of spaces', ' '.repeat(HUGE)],
    ['a date-time with a 1 MB fraction', `2025-06-01T12:00:00.${'1'.repeat(HUGE)}Z`],
  ];
  for (const [name, value] of values) {
    it(`${name} in time, long, int and datetime values: each reported, none scanned`, () => {
      const text = everyTyped(value);
      const findings = validate(text);
      const docLines = lines(text);
      assert.deepEqual(findings.map((f) => outside(f, text, docLines)).filter(Boolean), []);
      const oversized = Buffer.byteLength(text) > 1024 * 1024 ? ['DSE006'] : [];
      assert.deepEqual(findings.map((f) => f.code).sort(), [...oversized, 'DSE011', 'DSE022', 'DSE022', 'DSE024']);
      assert.deepEqual(
        findings.filter((f) => f.code === 'DSE022').map((f) => TOO_LONG.test(f.message)),
        [true, true],
      );
      tried({
        area: AREA,
        fault: `${name} in the time, a long, an int and a datetime value`,
        times: 1,
        outcome: `${findings.length} findings: ${findings.map((f) => f.code).join(', ')}`,
      });
    });
  }

  const documents: ReadonlyArray<[string, string, string[]]> = [
    ['150,000 undocumented columns in one record', unknownColumns(150_000), ['DSE006', ...Array<string>(150_000).fill('DSE020')]],
    ['100,000 levels of nested arrays', '['.repeat(100_000) + ']'.repeat(100_000), ['DSE008']],
    [
      '100,000 levels of nested objects in a record',
      everyTyped('0').replace('"DeviceName":"pc"', `"DeviceName":${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`),
      ['DSE008'],
    ],
  ];
  for (const [name, text, expected] of documents) {
    it(`${name}: no exception, the expected findings inside the text`, () => {
      const findings = validate(text);
      const docLines = lines(text);
      assert.deepEqual(findings.map((f) => outside(f, text, docLines)).filter(Boolean), []);
      assert.deepEqual(findings.map((f) => f.code).sort(), [...expected].sort());
      tried({
        area: AREA,
        fault: name,
        times: 1,
        outcome: `${findings.length.toLocaleString('en-US')} findings (${[...new Set(findings.map((f) => f.code))].join(', ')})`,
      });
    });
  }
});
