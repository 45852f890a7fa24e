import type { DecodedRecord } from '../decode/types';

export interface RecordFilterSpec {
  /** Table names to keep; empty or absent keeps every table. */
  readonly tables?: readonly string[];
  /** Case-insensitive substring over the record's JSON; empty or absent keeps every record. */
  readonly text?: string;
}

/** A compiled filter: by a set of tables and by free text, combinable. */
export interface RecordFilter {
  readonly spec: RecordFilterSpec;
  readonly isEmpty: boolean;
  matches(record: DecodedRecord): boolean;
  /** The table part of `matches` alone. */
  matchesTable(table: string): boolean;
  /** The text part of `matches` alone (it reads the record's JSON). */
  matchesText(record: DecodedRecord): boolean;
}

/**
 * The record's JSON: its text as received when the tail kept it (what the Live Tail page searches too),
 * otherwise computed once per record object and kept for later text searches.
 */
const jsonCache = new WeakMap<object, string>();
export function recordJson(record: DecodedRecord & { readonly json?: string }): string {
  if (record.json !== undefined) return record.json;
  let json = jsonCache.get(record.record);
  if (json === undefined) {
    try {
      json = JSON.stringify(record.record);
    } catch {
      json = ''; // nesting too deep for the engine or a value JSON cannot hold: only the table filter applies
    }
    jsonCache.set(record.record, json);
  }
  return json;
}

export function compileFilter(spec: RecordFilterSpec = {}): RecordFilter {
  const tables = spec.tables && spec.tables.length > 0 ? new Set(spec.tables) : undefined;
  const needle = spec.text ? spec.text.toLowerCase() : '';
  const matchesTable = (table: string): boolean => !tables || tables.has(table);
  const matchesText = (r: DecodedRecord): boolean => needle === '' || recordJson(r).toLowerCase().includes(needle);
  const matches = (r: DecodedRecord): boolean => matchesTable(r.table) && matchesText(r);
  return { spec, isEmpty: !tables && needle === '', matches, matchesTable, matchesText };
}
