import { getTable } from '../core/catalog/schemaCatalog';

/** A Kusto table name that can stand unquoted in a query (the catalog's tables all do). */
const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,255}$/;

export function isPlainTableName(name: string): boolean {
  return IDENTIFIER.test(name);
}

/** Throws unless `name` can be written into a query as is: query text is never built from arbitrary input. */
export function assertTableName(name: string): string {
  if (!isPlainTableName(name)) throw new Error(`"${name.slice(0, 80)}" is not a table name that can be written into a query.`);
  return name;
}

/** Only catalog tables, deduplicated, in the order given. */
export function knownTables(names: Iterable<string>): string[] {
  const out: string[] = [];
  for (const name of names) if (getTable(name) && !out.includes(name)) out.push(name);
  return out;
}

/** A Kusto timespan literal such as `6h`, `30m`, `1d`, `90s`, `1.5h`. */
const TIMESPAN = /^\d{1,6}(\.\d{1,3})?(d|h|m|s|ms)$/;

export function assertTimespan(value: string): string {
  if (!TIMESPAN.test(value)) throw new Error(`"${value.slice(0, 40)}" is not a Kusto timespan such as 6h or 1d.`);
  return value;
}

export function assertBytes(value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0)
    throw new Error(`The record size must be a positive whole number of bytes (got ${value}).`);
  return value;
}
