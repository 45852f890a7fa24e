/** Kusto scalar types used by the streamed Advanced Hunting tables. */
export type KustoType = 'string' | 'long' | 'int' | 'bool' | 'datetime' | 'dynamic' | 'real' | 'guid';

/** A table as the generated catalog stores it: name plus [column, type] pairs in documentation order. */
export interface TableSource {
  readonly name: string;
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
}
