/**
 * The Live Tail's chosen columns, per hub and per table: how they are kept (one bounded value in the
 * extension's global state, most recently used hub last), read back (checked: state can be stale or
 * edited) and changed. Pure: no `vscode`.
 */
import { SUMMARY_COLUMN } from './shared/protocol';

/** Columns chosen per table of one hub; a table not listed shows the summary. */
export type TableColumns = Readonly<Record<string, readonly string[]>>;

/** What is stored: hubs by key, most recently used last. */
export interface StoredColumns {
  readonly version: 1;
  readonly hubs: ReadonlyArray<{ readonly hub: string; readonly tables: TableColumns }>;
}

export const MAX_COLUMN_HUBS = 50;
export const MAX_COLUMN_TABLES = 100;
export const MAX_COLUMNS_PER_TABLE = 30;
export const MAX_COLUMN_NAME = 128;

export const EMPTY_COLUMNS: StoredColumns = { version: 1, hubs: [] };

/** A name worth keeping: 1 to 128 characters, no control characters. */
export function isColumnName(v: unknown): v is string {
  return typeof v === 'string' && v.length > 0 && v.length <= MAX_COLUMN_NAME && !/[\u0000-\u001f\u007f]/.test(v);
}

/** A checked list: names only, no repeats, at most `MAX_COLUMNS_PER_TABLE`; the summary alone (or nothing) is the default: `undefined`. */
export function normalizeColumns(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const out: string[] = [];
  for (const name of value) {
    if (!isColumnName(name) || out.includes(name)) continue;
    out.push(name);
    if (out.length >= MAX_COLUMNS_PER_TABLE) break;
  }
  return out.length === 0 || (out.length === 1 && out[0] === SUMMARY_COLUMN) ? undefined : out;
}

function normalizeTables(value: unknown): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return out;
  let n = 0;
  for (const [table, columns] of Object.entries(value as Record<string, unknown>)) {
    if (n >= MAX_COLUMN_TABLES) break;
    if (!isColumnName(table) || table === '__proto__') continue;
    const list = normalizeColumns(columns);
    if (!list) continue;
    out[table] = list;
    n++;
  }
  return out;
}

/** Reads what the state held; anything unexpected is dropped (the rest is kept). */
export function parseStoredColumns(value: unknown): StoredColumns {
  if (typeof value !== 'object' || value === null) return EMPTY_COLUMNS;
  const v = value as Record<string, unknown>;
  if (v.version !== 1 || !Array.isArray(v.hubs)) return EMPTY_COLUMNS;
  const hubs: Array<{ hub: string; tables: TableColumns }> = [];
  const seen = new Set<string>();
  for (const item of v.hubs.slice(-MAX_COLUMN_HUBS)) {
    if (typeof item !== 'object' || item === null) continue;
    const { hub, tables } = item as Record<string, unknown>;
    if (typeof hub !== 'string' || hub.length === 0 || hub.length > 600 || seen.has(hub)) continue;
    const checked = normalizeTables(tables);
    if (Object.keys(checked).length === 0) continue;
    seen.add(hub);
    hubs.push({ hub, tables: checked });
  }
  return { version: 1, hubs };
}

/** The columns chosen for one hub's tables (none: `{}`). */
export function columnsOfHub(stored: StoredColumns, hub: string): TableColumns {
  return stored.hubs.find((h) => h.hub === hub)?.tables ?? {};
}

/**
 * `stored` with `table`'s columns of `hub` set (the default, the summary alone or nothing, removes them);
 * the hub becomes the most recently used, the oldest hubs beyond `MAX_COLUMN_HUBS` are forgotten.
 */
export function withTableColumns(stored: StoredColumns, hub: string, table: string, columns: readonly string[]): StoredColumns {
  const tables: Record<string, readonly string[]> = { ...columnsOfHub(stored, hub) };
  delete tables[table];
  const list = normalizeColumns(columns);
  const next: Record<string, readonly string[]> = {};
  // The table just chosen is kept first when there are too many: the oldest others go.
  if (list && isColumnName(table)) next[table] = list;
  for (const [t, c] of Object.entries(tables)) if (Object.keys(next).length < MAX_COLUMN_TABLES) next[t] = c;
  const others = stored.hubs.filter((h) => h.hub !== hub);
  const hubs = Object.keys(next).length > 0 ? [...others, { hub, tables: next }] : others;
  return { version: 1, hubs: hubs.slice(-MAX_COLUMN_HUBS) };
}

/** One item to offer when choosing columns. */
export interface ColumnOption {
  readonly name: string;
  /** Where it comes from, for people. */
  readonly source: 'summary' | 'catalog' | 'seen';
  readonly picked: boolean;
}

/**
 * What to offer for a table: the chosen columns first (in their order), then the summary, the
 * catalog's columns, and the columns seen in records the catalog does not list. Bounded by `max`.
 */
export function columnOptions(
  current: readonly string[] | undefined,
  catalog: readonly string[],
  seen: readonly string[],
  max = 500,
): ColumnOption[] {
  const chosen = current ?? [SUMMARY_COLUMN];
  const catalogSet = new Set(catalog);
  const sourceOf = (name: string): ColumnOption['source'] =>
    name === SUMMARY_COLUMN ? 'summary' : catalogSet.has(name) ? 'catalog' : 'seen';
  const out: ColumnOption[] = [];
  const added = new Set<string>();
  const add = (name: string, picked: boolean): void => {
    if (added.has(name) || out.length >= max || !isColumnName(name)) return;
    added.add(name);
    out.push({ name, source: sourceOf(name), picked });
  };
  for (const name of chosen) add(name, true);
  add(SUMMARY_COLUMN, false);
  for (const name of catalog) add(name, false);
  for (const name of [...seen].sort()) add(name, false);
  return out;
}

/** The label of a column in a list for people. */
export function columnLabel(name: string): string {
  return name === SUMMARY_COLUMN ? 'Summary' : name;
}

/**
 * The order typed in the input box ("A, B, C") for the columns `picked`: each picked column once, in
 * any order (one left out is dropped); returns the order, or why it is not one.
 */
export function parseColumnOrder(text: string, picked: readonly string[]): { readonly order: string[] } | { readonly problem: string } {
  const byLabel = new Map(picked.map((name) => [columnLabel(name).toLowerCase(), name]));
  const order: string[] = [];
  for (const part of text.split(',')) {
    const label = part.trim();
    if (label === '') continue;
    const name = byLabel.get(label.toLowerCase());
    if (name === undefined) return { problem: `"${label.slice(0, 60)}" is not one of the chosen columns.` };
    if (order.includes(name)) return { problem: `"${label.slice(0, 60)}" is named twice.` };
    order.push(name);
  }
  if (order.length === 0) return { problem: 'Name at least one column.' };
  return { order };
}
