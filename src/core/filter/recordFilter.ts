import type { DecodedRecord } from '../decode/types';
import { whereFilterOrThrow, type WhereFilter } from './where/where';

export interface RecordFilterSpec {
  /** Table names to keep; empty or absent (and no `other`) keeps every table. */
  readonly tables?: readonly string[];
  /** Also keep the records whose table is counted together with others as "other tables" (`TailRecord.other`). */
  readonly other?: boolean;
  /** Case-insensitive substring over the record's JSON; empty or absent keeps every record. */
  readonly text?: string;
  /** A KQL-style predicate over the record's properties and envelope (`src/core/filter/where/`); empty or absent keeps every record. */
  readonly where?: string;
}

/** What a filter looks at: a decoded record, and whether its table is one of the "other tables". */
export type FilteredRecord = DecodedRecord & { readonly other?: boolean };

/** A compiled filter: by a set of tables, by free text and by a where expression, combinable. */
export interface RecordFilter {
  readonly spec: RecordFilterSpec;
  readonly isEmpty: boolean;
  matches(record: FilteredRecord): boolean;
  /** The table part of `matches` alone (`other`: the table is one of the "other tables"). */
  matchesTable(table: string, other?: boolean): boolean;
  /** The text part of `matches` alone (it reads the record's JSON). */
  matchesText(record: DecodedRecord): boolean;
  /** The text and where parts of `matches` (everything but the table). */
  matchesContent(record: DecodedRecord): boolean;
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

/** Compiles a filter; a `where` that is not a valid expression throws (callers check it first with `compileWhereFilter`). */
export function compileFilter(spec: RecordFilterSpec = {}): RecordFilter {
  const tables = spec.tables && spec.tables.length > 0 ? new Set(spec.tables) : undefined;
  const others = spec.other === true;
  const anyTable = !tables && !others;
  const needle = spec.text ? spec.text.toLowerCase() : '';
  const where: WhereFilter | undefined = spec.where && spec.where.trim() !== '' ? whereFilterOrThrow(spec.where) : undefined;
  const required = where?.required ?? [];
  // A table among the "other tables" is matched by `other` alone: its name was not counted on its own.
  const matchesTable = (table: string, other = false): boolean => anyTable || (other ? others : tables !== undefined && tables.has(table));
  const matchesText = (r: DecodedRecord): boolean => needle === '' || recordJson(r).toLowerCase().includes(needle);
  const matchesContent =
    where === undefined
      ? matchesText
      : (r: DecodedRecord): boolean => {
          if (needle !== '' || required.length > 0) {
            // One lower-cased JSON for the text filter and the where's cheap check before parsing.
            const lower = recordJson(r).toLowerCase();
            if (needle !== '' && !lower.includes(needle)) return false;
            for (let i = 0; i < required.length; i++) if (!lower.includes(required[i])) return false;
          }
          return where.matches(r.record); // read once: a record kept as text is parsed on each read
        };
  const matches = (r: FilteredRecord): boolean => matchesTable(r.table, r.other === true) && matchesContent(r);
  return { spec, isEmpty: anyTable && needle === '' && where === undefined, matches, matchesTable, matchesText, matchesContent };
}
