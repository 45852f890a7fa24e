import { closestMatches } from '../text/suggest';
import { streamStatusOf, streamStatusRank } from './streamStatus';
import { TABLE_SOURCES } from './tables.generated';
import type { ColumnDef, TableDef, TableSource } from './types';

export type { ColumnDef, KustoType, StreamingSupport, StreamStatus, TableDef } from './types';
export { streamStatusLabel, streamStatusOf } from './streamStatus';

export const CATEGORY_PREFIX = 'AdvancedHunting-';
export const PER_TABLE_HUB_PREFIX = 'insights-logs-advancedhunting-';

/** Columns that Defender adds to rows of any table (the device group), beyond the documented ones. */
export const DECORATION_COLUMNS: readonly ColumnDef[] = [{ name: 'MachineGroup', type: 'string' }];

function buildTable(source: TableSource): TableDef {
  const defs = source.columns.map(([columnName, type]) => ({ name: columnName, type }));
  return {
    name: source.name,
    category: CATEGORY_PREFIX + source.name,
    hubName: PER_TABLE_HUB_PREFIX + source.name.toLowerCase(),
    columns: defs,
    columnsByName: new Map(defs.map((c) => [c.name, c])),
    streaming: source.streaming,
    observedInStreams: source.observedInStreams,
    streamStatus: streamStatusOf(source.streaming, source.observedInStreams),
  };
}

/**
 * Every Advanced Hunting table of the reference (66), streamed ones first, then those seen in real
 * streams, then those only Advanced Hunting holds; by name within each group.
 */
export const TABLES: readonly TableDef[] = TABLE_SOURCES.map(buildTable).sort(
  (a, b) => streamStatusRank(a.streamStatus) - streamStatusRank(b.streamStatus) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
);
export const TABLE_NAMES: readonly string[] = TABLES.map((t) => t.name);

/**
 * The tables whose rows reach Event Hubs: the 21 that Microsoft lists as streamed (GA) and those that
 * real streamed records carry although the list (from 2021) does not name them.
 */
export const STREAMABLE_TABLES: readonly TableDef[] = TABLES.filter((t) => t.streamStatus !== 'huntingOnly');
export const STREAMABLE_TABLE_NAMES: readonly string[] = STREAMABLE_TABLES.map((t) => t.name);

const byName = new Map(TABLES.map((t) => [t.name, t]));
const byLowerName = new Map(TABLES.map((t) => [t.name.toLowerCase(), t]));
const byHubName = new Map(TABLES.map((t) => [t.hubName, t]));

/** Exact (case-sensitive) look-up by table name. */
export function getTable(name: string): TableDef | undefined {
  return byName.get(name);
}

/** Look-up by `AdvancedHunting-<Table>` category, exact as Defender writes it. */
export function getTableByCategory(category: string): TableDef | undefined {
  return category.startsWith(CATEGORY_PREFIX) ? byName.get(category.slice(CATEGORY_PREFIX.length)) : undefined;
}

/** Look-up by per-table hub name `insights-logs-advancedhunting-<table lowercased>` (hub names are case-insensitive). */
export function getTableByHubName(hubName: string): TableDef | undefined {
  return byHubName.get(hubName.toLowerCase());
}

/** The table name carried by a category, whether or not the catalog knows it ("" when the prefix is missing). */
export function tableNameFromCategory(category: string): string {
  return category.startsWith(CATEGORY_PREFIX) ? category.slice(CATEGORY_PREFIX.length) : '';
}

export interface TableSuggestion {
  /** The table the input most likely means, when there is one clear candidate. */
  readonly table?: TableDef;
  /** Why the input is not an exact match ("letter case", "missing prefix", "spelling"). */
  readonly reason?: 'case' | 'prefix' | 'spelling';
  /** Close candidates, best first (table names). */
  readonly candidates: readonly string[];
}

/**
 * "Did you mean" for a table name, category or hub name that is not an exact match: wrong letter case,
 * a misspelt `AdvancedHunting-` or `insights-logs-advancedhunting-` prefix, or a small spelling
 * mistake. No `reason` means the input names a table exactly (table name, category or hub name).
 */
export function suggestTable(input: string): TableSuggestion {
  const trimmed = input.trim();
  const hub = getTableByHubName(trimmed);
  if (hub) return { table: hub, candidates: [hub.name] };
  // Table names hold no "-": whatever precedes the last one is a (possibly misspelt) category or hub prefix.
  let bare = trimmed;
  let prefix: 'none' | 'category' | 'hub' = 'none';
  let prefixExact = false;
  const dash = trimmed.lastIndexOf('-');
  if (dash > 0) {
    const given = trimmed.slice(0, dash + 1);
    const [closest] = closestMatches(given, [CATEGORY_PREFIX, PER_TABLE_HUB_PREFIX], 1);
    if (closest !== undefined) {
      bare = trimmed.slice(dash + 1);
      prefix = closest === CATEGORY_PREFIX ? 'category' : 'hub';
      prefixExact = prefix === 'category' ? given === CATEGORY_PREFIX : given.toLowerCase() === PER_TABLE_HUB_PREFIX;
    }
  }
  const prefixReason = prefix === 'none' || prefixExact ? undefined : 'prefix';
  const exact = byName.get(bare);
  if (exact) return { table: exact, reason: prefixReason, candidates: [exact.name] };
  const caseless = byLowerName.get(bare.toLowerCase());
  // Hub names are lower case anyway, so only a category or a table name can have the wrong case.
  if (caseless) return { table: caseless, reason: prefix === 'hub' ? prefixReason : (prefixReason ?? 'case'), candidates: [caseless.name] };
  const candidates = closestMatches(bare, TABLE_NAMES);
  return {
    table: candidates.length > 0 ? byName.get(candidates[0]) : undefined,
    reason: candidates.length > 0 ? 'spelling' : undefined,
    candidates,
  };
}

/** "Did you mean" for a column of a table (case and spelling); decoration columns included. */
export function suggestColumn(table: TableDef, column: string): string[] {
  const names = [...table.columns.map((c) => c.name), ...DECORATION_COLUMNS.map((c) => c.name)];
  return closestMatches(column, names);
}

/** The column definition for a property of a table row, including decoration columns. */
export function getColumn(table: TableDef, column: string): ColumnDef | undefined {
  return table.columnsByName.get(column) ?? DECORATION_COLUMNS.find((c) => c.name === column);
}
