import { getTable } from '../core/catalog/schemaCatalog';
import type { StreamStatus } from '../core/catalog/types';

export interface CountComparison {
  readonly table: string;
  /** undefined: the table was not counted on that side (not queried / not on the hub). */
  readonly hunting?: number;
  readonly streamed?: number;
  /** streamed − hunting (a missing side counts as 0). */
  readonly difference: number;
  /** The difference as a percentage of the hunting count; undefined when Advanced Hunting has none. */
  readonly percent?: number;
  readonly side: 'both' | 'huntingOnly' | 'streamOnly';
  /** The catalog's stream status; undefined for a table the catalog does not know. */
  readonly streamStatus?: StreamStatus;
}

/**
 * Joins Advanced Hunting's and the hub's counts per table. A table with a count of 0 on one side is
 * on that side only; the rows come biggest gap first, then by name.
 */
export function compareCounts(hunting: ReadonlyMap<string, number>, streamed: ReadonlyMap<string, number>): CountComparison[] {
  const names = new Set([...hunting.keys(), ...streamed.keys()]);
  const rows: CountComparison[] = [];
  for (const table of names) {
    const h = hunting.get(table);
    const s = streamed.get(table);
    const hn = h ?? 0;
    const sn = s ?? 0;
    if (hn === 0 && sn === 0) continue;
    rows.push({
      table,
      hunting: h,
      streamed: s,
      difference: sn - hn,
      percent: hn > 0 ? ((sn - hn) / hn) * 100 : undefined,
      side: hn > 0 && sn > 0 ? 'both' : hn > 0 ? 'huntingOnly' : 'streamOnly',
      streamStatus: getTable(table)?.streamStatus,
    });
  }
  return rows.sort((a, b) => Math.abs(b.difference) - Math.abs(a.difference) || a.table.localeCompare(b.table));
}

export interface CompletenessTotals {
  readonly hunting: number;
  readonly streamed: number;
  /** Tables in both with equal counts. */
  readonly matching: number;
}

export function completenessTotals(rows: readonly CountComparison[]): CompletenessTotals {
  return {
    hunting: rows.reduce((sum, r) => sum + (r.hunting ?? 0), 0),
    streamed: rows.reduce((sum, r) => sum + (r.streamed ?? 0), 0),
    matching: rows.filter((r) => r.side === 'both' && r.difference === 0).length,
  };
}
