import { assertBytes, assertTableName, assertTimespan } from './names';
import { placeholder, type QueryTemplate } from './snippet';

export const DEFAULT_RECORD_BYTES = 500;
export const DEFAULT_LOOKBACK = '6h';

export interface CapacityQueryOptions {
  /** Assumed average record size in bytes (default 500): the first placeholder. */
  readonly bytes?: number;
  /** Look-back window, a Kusto timespan (default `6h`): the second placeholder. */
  readonly lookback?: string;
  /** Restrict to these tables; absent or empty: every table (`union withsource=MDTables*`). */
  readonly tables?: readonly string[];
}

/** `union withsource=MDTables*`, or `union withsource=MDTables A, B` for chosen tables. */
export function unionClause(tables: readonly string[] | undefined): string {
  if (!tables || tables.length === 0) return 'union withsource=MDTables*';
  return `union withsource=MDTables ${tables.map(assertTableName).join(', ')}`;
}

/**
 * Microsoft's capacity estimation query (see the reference README): events per second per table
 * averaged over one-minute bins, times an assumed record size.
 */
export function capacityTemplate(options: CapacityQueryOptions = {}): QueryTemplate {
  const bytes = String(assertBytes(options.bytes ?? DEFAULT_RECORD_BYTES));
  const lookback = assertTimespan(options.lookback ?? DEFAULT_LOOKBACK);
  return [
    'let bytes_ = ',
    placeholder(1, bytes),
    `;\n${unionClause(options.tables)}\n| where Timestamp > startofday(ago(`,
    placeholder(2, lookback),
    '))\n' +
      '| summarize count() by bin(Timestamp, 1m), MDTables\n' +
      '| extend EPS = count_ /60\n' +
      '| summarize avg(EPS), estimatedMBPerSec = (avg(EPS) * bytes_ ) / (1024*1024) by MDTables\n' +
      '| sort by toint(estimatedMBPerSec) desc',
  ];
}
