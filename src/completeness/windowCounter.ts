import { NO_TABLE } from '../capacity/capacityMeter';
import type { CompletenessWindow } from './completenessWindow';

/** What the hub holds for a window, counts only. */
export interface StreamedCounts {
  /** Records per table whose `time` falls in the window. */
  readonly tables: ReadonlyMap<string, number>;
  /** Records read whose `time` falls outside the window (read because of the margin). */
  readonly outside: number;
  /** Records without a readable `time`. */
  readonly withoutTime: number;
  /** Messages (or parts) that were not Defender records. */
  readonly malformed: number;
}

/** At most this many distinct table names are counted; the rest go under one name (a hostile stream cannot grow the map). */
export const MAX_TABLES = 500;
export const OTHER_TABLES = '(other tables)';

/**
 * Counts records per table by their `time` (the record's time in Advanced Hunting, which the query
 * filters on as `Timestamp`), not by when the hub received them. Holds counts only.
 */
export class WindowCounter {
  private readonly counts = new Map<string, number>();
  private outside = 0;
  private withoutTime = 0;
  private malformed = 0;
  private readonly start: number;
  private readonly end: number;

  constructor(window: CompletenessWindow) {
    this.start = window.start.getTime();
    this.end = window.end.getTime();
  }

  add(table: string, time: unknown): void {
    const ms = typeof time === 'string' ? Date.parse(time) : NaN;
    if (Number.isNaN(ms)) {
      this.withoutTime += 1;
      return;
    }
    if (ms < this.start || ms >= this.end) {
      this.outside += 1;
      return;
    }
    let name = table === '' ? NO_TABLE : table;
    if (!this.counts.has(name) && this.counts.size >= MAX_TABLES) name = OTHER_TABLES;
    this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
  }

  addMalformed(): void {
    this.malformed += 1;
  }

  get inWindow(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  snapshot(): StreamedCounts {
    return { tables: new Map(this.counts), outside: this.outside, withoutTime: this.withoutTime, malformed: this.malformed };
  }
}
