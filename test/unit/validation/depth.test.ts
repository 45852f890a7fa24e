import assert from 'node:assert/strict';
import { visit } from 'jsonc-parser';
import { Prng } from '../../../src/traffic/index';
import { MAX_NESTING_DEPTH, tooDeepAt } from '../../../src/core/decode/jsonDepth';
import { validate, type Finding } from '../../../src/validation/validate';
import { record } from './helpers';
import { tried } from '../../support/reliabilityLog';

const AREA = 'Trust boundary';

const DEEP = 100_000;

/** Nested arrays or objects, `depth` levels. */
const SHAPES = {
  arrays: { unit: 1, text: (depth: number) => '['.repeat(depth) + ']'.repeat(depth) },
  objects: { unit: '{"a":'.length, text: (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth) },
} as const;

/** How deep `text` leaves the nesting (no brackets in its strings). */
function levels(text: string): number {
  let depth = 0;
  for (const c of text) depth += c === '{' || c === '[' ? 1 : c === '}' || c === ']' ? -1 : 0;
  return depth;
}

/** `prefix` + a deep value + `suffix`, and the offset of the bracket that opens one level too many. */
function deepIn(prefix: string, shape: keyof typeof SHAPES, suffix: string): { text: string; offset: number } {
  const { unit, text } = SHAPES[shape];
  const before = levels(prefix);
  return { text: prefix + text(DEEP) + suffix, offset: prefix.length + (MAX_NESTING_DEPTH - before) * unit };
}

function codes(findings: readonly Finding[]): string[] {
  return findings.map((f) => f.code);
}

/** A record whose AdditionalFields (a JSON-carrying column) is where the deep value goes, split around it. */
function recordAround(): [string, string] {
  const text = JSON.stringify(record('DeviceEvents', { AdditionalFields: 'HERE' }));
  const [before, after] = text.split('"HERE"');
  return [before, after];
}

describe('validation: deep nesting', () => {
  for (const shape of ['arrays', 'objects'] as const) {
    it(`${DEEP.toLocaleString('en-US')} levels of ${shape} as the whole document: one too-deep finding, no exception`, () => {
      const { text, offset } = deepIn('', shape, '');
      const findings = validate(text);
      assert.deepEqual(codes(findings), ['DSE008']);
      assert.deepEqual(findings[0].range, { start: { line: 0, character: offset }, end: { line: 0, character: offset + 1 } });
      assert.equal(findings[0].severity, 'error');
      assert.match(findings[0].message, /^Nested more than 66 levels deep: .* The rest of this document is not checked\.$/);
      tried({
        area: AREA,
        fault: `Validator: 100,000 levels of ${shape} as the whole document`,
        times: 1,
        outcome: 'one DSE008 finding, no exception',
      });
    });

    it(`${DEEP.toLocaleString('en-US')} levels of ${shape} inside a record, in message, record and array form`, () => {
      const [before, after] = recordAround();
      const forms: Array<[string, string, string]> = [
        ['message', `{"records":[${before}`, `${after}]}`],
        ['record', before, after],
        ['array', `[${JSON.stringify(record('DeviceEvents'))},${before}`, `${after}]`],
      ];
      for (const [form, prefix, suffix] of forms) {
        const { text, offset } = deepIn(prefix, shape, suffix);
        const findings = validate(text);
        assert.deepEqual(codes(findings), ['DSE008'], form);
        assert.equal(findings[0].range.start.character, offset, form);
      }
    });

    it(`${DEEP.toLocaleString('en-US')} levels of ${shape} on one NDJSON line: that line gets the finding, the others are still checked`, () => {
      const [before, after] = recordAround();
      const { text: deepLine, offset } = deepIn(before, shape, after);
      const unknown = JSON.stringify(record('DeviceEvents', { NotAColumn: 1 }));
      const text = `${JSON.stringify(record('DeviceEvents'))}\n${deepLine}\n${unknown}\n`;
      const findings = validate(text, { fileName: 'sample.defender.ndjson' });
      assert.deepEqual(codes(findings), ['DSE008', 'DSE020']);
      assert.deepEqual(findings[0].range.start, { line: 1, character: offset });
      assert.match(findings[0].message, /The rest of this line is not checked\.$/);
      assert.equal(findings[1].range.start.line, 2);
      // Recognised as NDJSON by its content too.
      assert.deepEqual(codes(validate(text)), ['DSE008', 'DSE020']);
      tried({
        area: AREA,
        fault: `Validator: 100,000 levels of ${shape} on one NDJSON line`,
        times: 1,
        outcome: 'that line gets DSE008, the others are still checked',
      });
    });
  }

  it('deep text that is not valid JSON either (never closed) gets the too-deep finding, not a parser crash', () => {
    for (const text of ['['.repeat(DEEP), '{"a":'.repeat(DEEP), `{"records":[${'{"a":['.repeat(DEEP)}`]) {
      assert.deepEqual(codes(validate(text)), ['DSE008']);
    }
  });

  it('nesting up to the limit is checked as usual; one level more is not', () => {
    const at = validate(SHAPES.arrays.text(MAX_NESTING_DEPTH));
    assert.deepEqual(codes(at), ['DSE007', 'DSE005']);
    assert.deepEqual(codes(validate(SHAPES.arrays.text(MAX_NESTING_DEPTH + 1))), ['DSE008']);
  });

  it('brackets inside strings and comments do not count', () => {
    const text = JSON.stringify({ records: [record('DeviceEvents', { AdditionalFields: '['.repeat(1000) })] });
    assert.deepEqual(codes(validate(text)), []);
    assert.equal(tooDeepAt(`"${'['.repeat(10)}" /* ${'{'.repeat(10)} */ // ${'['.repeat(10)}\n[]`, 1), -1);
    assert.equal(tooDeepAt(`"\\"[" [[`, 1), 7);
  });

  it('never answers "not too deep" for text that jsonc-parser would nest deeper (seeded random near-JSON)', () => {
    const rng = new Prng('depth-bound');
    const alphabet = ['[', ']', '{', '}', '"', '\\', '/', '*', '\n', '\r', ',', ':', ' ', 'a', '1', '"a":', '//', '/*', '*/'];
    for (let i = 0; i < 3000; i++) {
      let text = '';
      for (let n = rng.int(0, 80); n > 0; n--) text += rng.pick(alphabet);
      let parserDepth = 0;
      let depth = 0;
      const enter = (): void => {
        depth++;
        parserDepth = Math.max(parserDepth, depth);
      };
      const leave = (): void => {
        depth--;
      };
      visit(text, { onObjectBegin: enter, onArrayBegin: enter, onObjectEnd: leave, onArrayEnd: leave }, { disallowComments: true });
      let ours = 0;
      while (tooDeepAt(text, ours) >= 0) ours++;
      assert.ok(parserDepth <= ours, `${JSON.stringify(text)}: jsonc-parser nests ${parserDepth}, tooDeepAt counts ${ours}`);
    }
  });
});
