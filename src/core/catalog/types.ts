/** Kusto scalar types used by the Advanced Hunting tables. */
export type KustoType = 'string' | 'long' | 'int' | 'bool' | 'datetime' | 'dynamic' | 'real' | 'guid';

/**
 * What Microsoft's streaming page says of a table: `ga` (one of the 21 tables it lists as generally
 * available), `no` (listed as not available) or `unknown` (not on the page, which dates from 2021).
 */
export type StreamingSupport = 'ga' | 'no' | 'unknown';

/**
 * Whether a table's rows reach Event Hubs: `streamed` (GA on Microsoft's page), `seenInStreams` (not GA,
 * but real streamed records carry it) or `huntingOnly` (queryable in Advanced Hunting only, as far as known).
 */
export type StreamStatus = 'streamed' | 'seenInStreams' | 'huntingOnly';

/** A table as the generated catalog stores it: name, streaming facts, [column, type] pairs in documentation order. */
export interface TableSource {
  readonly name: string;
  readonly streaming: StreamingSupport;
  readonly observedInStreams: boolean;
  readonly columns: ReadonlyArray<readonly [string, KustoType]>;
}

export interface ColumnDef {
  readonly name: string;
  readonly type: KustoType;
}

export interface TableDef {
  readonly name: string;
  /** `AdvancedHunting-<name>` */
  readonly category: string;
  /** `insights-logs-advancedhunting-<name lowercased>` */
  readonly hubName: string;
  readonly columns: readonly ColumnDef[];
  /** Columns by exact name. */
  readonly columnsByName: ReadonlyMap<string, ColumnDef>;
  /** What Microsoft's streaming page says of the table. */
  readonly streaming: StreamingSupport;
  /** Whether real streamed records are known to carry the table. */
  readonly observedInStreams: boolean;
  /** Derived from `streaming` and `observedInStreams` (see `streamStatusOf` in streamStatus.ts). */
  readonly streamStatus: StreamStatus;
}
