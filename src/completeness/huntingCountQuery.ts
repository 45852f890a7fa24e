import { getTable } from '../core/catalog/schemaCatalog';
import { badResponseError } from '../graph/huntingErrors';
import type { HuntingResult } from '../graph/runHuntingQuery';
import type { CompletenessWindow } from './completenessWindow';

export interface HuntingCountQuery {
  readonly query: string;
  /** The tables counted (those with a `Timestamp` column in the catalog). */
  readonly tables: readonly string[];
  /** Tables left out: unknown to the catalog, or without a `Timestamp` column to filter on. */
  readonly skipped: readonly string[];
}

const PLAIN = /^[A-Za-z_][A-Za-z0-9_]*$/;

function kqlDate(date: Date): string {
  return `datetime(${date.toISOString()})`;
}

/**
 * `count() by TableName` for the window in Advanced Hunting. The window is half-open (`>=` start, `<`
 * end, not `between`, which includes both ends) so adjacent windows never count a record twice;
 * `isfuzzy=true` lets the query run when the tenant lacks one of the tables (no licence for it).
 */
export function huntingCountQuery(window: CompletenessWindow, tables: Iterable<string>): HuntingCountQuery {
  const counted: string[] = [];
  const skipped: string[] = [];
  for (const name of new Set(tables)) {
    const table = PLAIN.test(name) ? getTable(name) : undefined;
    if (table?.columnsByName.get('Timestamp')?.type === 'datetime') counted.push(table.name);
    else skipped.push(name);
  }
  counted.sort();
  skipped.sort();
  const query =
    counted.length === 0
      ? ''
      : [
          `union isfuzzy=true withsource=TableName ${counted.join(', ')}`,
          `| where Timestamp >= ${kqlDate(window.start)} and Timestamp < ${kqlDate(window.end)}`,
          '| summarize Count = count() by TableName',
        ].join('\n');
  return { query, tables: counted, skipped };
}

/** The per-table counts of the query's answer (`TableName`, `Count`). */
export function huntingCounts(result: HuntingResult): Map<string, number> {
  const counts = new Map<string, number>();
  for (const row of result.results) {
    const table = row.TableName;
    const raw = row.Count ?? row.count_;
    const count = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
    if (typeof table !== 'string' || !table || !Number.isSafeInteger(count) || count < 0)
      throw badResponseError('a row without a table name and a count');
    counts.set(table, (counts.get(table) ?? 0) + count);
  }
  return counts;
}
