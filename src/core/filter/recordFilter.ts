import type { DecodedRecord } from '../decode/types';

export interface RecordFilterSpec {
  /** Table names to keep; empty or absent (and no `other`) keeps every table. */
  readonly tables?: readonly string[];
  /** Also keep the records whose table is counted together with others as "other tables" (`TailRecord.other`). */
  readonly other?: boolean;
  /** Case-insensitive substring over the record's JSON; empty or absent keeps every record. */
  readonly text?: string;
}

/** What a filter looks at: a decoded record, and whether its table is one of the "other tables". */
export type FilteredRecord = DecodedRecord & { readonly other?: boolean };

/** A compiled filter: by a set of tables and by free text, combinable. */
export interface RecordFilter {
  readonly spec: RecordFilterSpec;
  readonly isEmpty: boolean;
  matches(record: FilteredRecord): boolean;
  /** The table part of `matches` alone (`other`: the table is one of the "other tables"). */
  matchesTable(table: string, other?: boolean): boolean;
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
  const others = spec.other === true;
  const anyTable = !tables && !others;
  const needle = spec.text ? spec.text.toLowerCase() : '';
  // A table among the "other tables" is matched by `other` alone: its name was not counted on its own.
  const matchesTable = (table: string, other = false): boolean => anyTable || (other ? others : tables !== undefined && tables.has(table));
  const matchesText = (r: DecodedRecord): boolean => needle === '' || recordJson(r).toLowerCase().includes(needle);
  const matches = (r: FilteredRecord): boolean => matchesTable(r.table, r.other === true) && matchesText(r);
  return { spec, isEmpty: anyTable && needle === '', matches, matchesTable, matchesText };
}
