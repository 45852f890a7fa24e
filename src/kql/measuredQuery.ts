import { DEFAULT_LOOKBACK, DEFAULT_RECORD_BYTES, unionClause } from './capacityQuery';
import { assertBytes, assertTimespan, isPlainTableName } from './names';
import { placeholder, type QueryTemplate } from './snippet';

export interface MeasuredQueryOptions {
  /** Measured average record size per table (bytes); names that are not plain table names are left out. */
  readonly measured: ReadonlyArray<{ readonly table: string; readonly avgRecordBytes: number }>;
  /** Size assumed for tables that were not measured (default 500): the first placeholder. */
  readonly defaultBytes?: number;
  /** Look-back window (default `6h`): the second placeholder. */
  readonly lookback?: string;
  /** Restrict the union to these tables; absent or empty: every table. */
  readonly tables?: readonly string[];
}

/**
 * The capacity estimation query with the record size of each table taken from a measurement: a
 * `datatable` of table → bytes looked up by table name, the default for tables not measured.
 */
export function measuredCapacityTemplate(options: MeasuredQueryOptions): QueryTemplate {
  const defaultBytes = String(assertBytes(options.defaultBytes ?? DEFAULT_RECORD_BYTES));
  const lookback = assertTimespan(options.lookback ?? DEFAULT_LOOKBACK);
  const rows = measuredRows(options.measured);
  const datatable = rows.length === 0 ? '[]' : `[\n${rows.map((r) => `    "${r.table}", ${r.bytes}`).join(',\n')}\n]`;
  return [
    'let defaultBytes_ = ',
    placeholder(1, defaultBytes),
    ';\n' +
      `let measuredBytes_ = datatable(MDTables:string, bytes_:long) ${datatable};\n` +
      `${unionClause(options.tables)}\n| where Timestamp > startofday(ago(`,
    placeholder(2, lookback),
    '))\n' +
      '| summarize count() by bin(Timestamp, 1m), MDTables\n' +
      '| extend EPS = count_ /60\n' +
      '| summarize avg(EPS) by MDTables\n' +
      '| lookup kind=leftouter measuredBytes_ on MDTables\n' +
      '| extend bytes_ = coalesce(bytes_, defaultBytes_)\n' +
      '| extend estimatedMBPerSec = (avg_EPS * bytes_) / (1024*1024)\n' +
      '| sort by toint(estimatedMBPerSec) desc',
  ];
}

/** Rows of the datatable: plain table names only (names come from streamed data), sizes rounded up, one per table. */
export function measuredRows(measured: MeasuredQueryOptions['measured']): Array<{ table: string; bytes: number }> {
  const rows: Array<{ table: string; bytes: number }> = [];
  for (const m of measured) {
    if (!isPlainTableName(m.table) || rows.some((r) => r.table === m.table)) continue;
    if (!Number.isFinite(m.avgRecordBytes) || m.avgRecordBytes <= 0) continue;
    rows.push({ table: m.table, bytes: Math.ceil(m.avgRecordBytes) });
  }
  return rows;
}
