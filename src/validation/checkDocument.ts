import { checkRecord, isPlainObject } from './checkRecord';
import { show } from './checkValue';
import { CODES } from './codes';
import type { SchemaLookup } from '../core/catalog/schemaLookup';
import type { RawFinding } from './types';

const ENVELOPE_FIELDS = ['time', 'tenantId', 'category', 'properties'];

/**
 * Checks one parsed JSON value: an Event Hubs message `{"records": [...]}`, a bare record, or an
 * array of records, against `schema`. `standalone` is false for NDJSON lines (one bare record per line is the Storage form).
 */
export function checkDocument(value: unknown, standalone: boolean, out: RawFinding[], schema: SchemaLookup): void {
  if (Array.isArray(value)) {
    if (standalone) out.push(notWrapped('An array of records: an Event Hubs message carries them as {"records": [...]}.'));
    for (let i = 0; i < value.length; i++) checkRecord(value[i], [i], out, schema);
    return;
  }
  if (!isPlainObject(value)) {
    out.push({
      path: [],
      anchor: 'value',
      severity: CODES.notAnObject.severity,
      code: CODES.notAnObject.code,
      message: `Expected a message {"records": [...]}, a record or an array of records, not ${show(value)}.`,
    });
    return;
  }
  if (Object.hasOwn(value, 'records')) {
    const records = value.records;
    if (!Array.isArray(records)) {
      out.push({
        path: ['records'],
        anchor: 'value',
        severity: CODES.invalidEnvelope.severity,
        code: CODES.invalidEnvelope.code,
        message: `"records" must be an array of records, not ${show(records)}.`,
      });
      return;
    }
    for (let i = 0; i < records.length; i++) checkRecord(records[i], ['records', i], out, schema);
    return;
  }
  const misspelt = Object.keys(value).find((k) => k.toLowerCase() === 'records');
  if (misspelt !== undefined && !ENVELOPE_FIELDS.some((f) => Object.hasOwn(value, f))) {
    out.push({
      path: [misspelt],
      anchor: 'key',
      severity: CODES.invalidEnvelope.severity,
      code: CODES.invalidEnvelope.code,
      message: `The message field is "records" (lower case), not ${show(misspelt)}.`,
      fix: { kind: 'replace', newText: '"records"', title: 'Rename to "records"' },
    });
    return;
  }
  if (standalone) out.push(notWrapped('A bare record: an Event Hubs message carries records as {"records": [...]}.'));
  checkRecord(value, [], out, schema);
}

/** A record or an array of records where a message is expected, with the quick fix that wraps it. */
function notWrapped(message: string): RawFinding {
  return {
    path: [],
    anchor: 'start',
    severity: CODES.notWrapped.severity,
    code: CODES.notWrapped.code,
    message,
    fix: { kind: 'wrap', title: 'Wrap in {"records": [...]}' },
  };
}
