import assert from 'node:assert/strict';
import { validate, type Finding, type Range } from '../../../src/validation/validate';

export const TENANT = '8d6f3b52-1c3e-4a5b-9f0e-2b7c4d1e6a90';
export const TIME = '2024-05-01T10:20:30.1234567Z';

export type Json = Record<string, unknown>;

/** A well-formed record of `table` with the given properties (and the real extra top-level fields). */
export function record(table: string, properties: Json = {}, overrides: Json = {}): Json {
  return {
    time: TIME,
    tenantId: TENANT,
    category: `AdvancedHunting-${table}`,
    properties,
    Tenant: 'DefaultTenant',
    operationName: 'Publish',
    ...overrides,
  };
}

export type Form = 'message' | 'record' | 'array' | 'ndjson';
export const FORMS: readonly Form[] = ['message', 'record', 'array', 'ndjson'];

/** The text of `rec` in one of the accepted forms (NDJSON: a valid record on the first line, `rec` on the second). */
export function inForm(form: Form, rec: Json): string {
  switch (form) {
    case 'message':
      return JSON.stringify({ records: [record('DeviceEvents'), rec] }, null, 2);
    case 'record':
      return JSON.stringify(rec, null, 2);
    case 'array':
      return JSON.stringify([record('DeviceEvents'), rec], null, 4);
    case 'ndjson':
      return `${JSON.stringify(record('DeviceEvents'))}\n${JSON.stringify(rec)}\n`;
  }
}

/** The 0-based range of the `occurrence`-th (0-based) match of `needle` in `text`. */
export function rangeOf(text: string, needle: string, occurrence = 0): Range {
  let offset = -1;
  for (let i = 0; i <= occurrence; i++) {
    offset = text.indexOf(needle, offset + 1);
    assert.notEqual(offset, -1, `"${needle}" (occurrence ${occurrence}) not in the text`);
  }
  const pos = (o: number) => {
    const before = text.slice(0, o);
    const line = before.split('\n').length - 1;
    return { line, character: o - (before.lastIndexOf('\n') + 1) };
  };
  return { start: pos(offset), end: pos(offset + needle.length) };
}

/** Findings without the not-wrapped info that bare records and arrays carry. */
export function findings(text: string, fileName?: string): Finding[] {
  return validate(text, { fileName }).filter((f) => f.code !== 'DSE007');
}

export function only(text: string, code: string): Finding {
  const all = findings(text);
  assert.equal(all.length, 1, `expected one finding, got ${JSON.stringify(all.map((f) => [f.code, f.message]))}`);
  assert.equal(all[0].code, code, all[0].message);
  return all[0];
}

/** Asserts exactly one finding with `code`/`severity` at the `needle` (last occurrence by default) in every form. */
export function assertInEveryForm(
  rec: Json,
  code: string,
  severity: Finding['severity'],
  needle: string,
  occurrence?: (form: Form, text: string) => number,
): void {
  for (const form of FORMS) {
    const text = inForm(form, rec);
    const all = findings(text);
    assert.equal(all.length, 1, `${form}: expected one finding, got ${JSON.stringify(all.map((f) => [f.code, f.message]))}`);
    const [finding] = all;
    assert.equal(finding.code, code, `${form}: ${finding.message}`);
    assert.equal(finding.severity, severity, form);
    const count = text.split(needle).length - 1;
    const n = occurrence ? occurrence(form, text) : count - 1;
    assert.deepEqual(finding.range, rangeOf(text, needle, n), `${form}: range of ${needle}`);
  }
}

export function noFindings(text: string, fileName?: string): void {
  const all = findings(text, fileName);
  assert.deepEqual(
    all.map((f) => `${f.code} ${f.message}`),
    [],
  );
}
