import { compileWhereFilter, type WhereFilter } from '../../core/filter/where/where';
import type { FilterSpec, WireEntry } from '../../liveTail/shared/protocol';

export interface PageFilter {
  readonly spec: FilterSpec;
  matches(entry: WireEntry): boolean;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The page's filter: the same rule as the extension's `compileFilter` (a set of tables, and "other
 * tables" for the records of tables counted together; a case-insensitive substring of the record
 * JSON). Malformed rows have no table: they show when no table is selected, and match text in their
 * reason and raw preview. A where expression reads the record's JSON (after a check of the texts it
 * needs) and hides malformed rows; one that is not valid is ignored (the page checks it before applying).
 */
export function compilePageFilter(spec: FilterSpec): PageFilter {
  const tables = spec.tables.length > 0 ? new Set(spec.tables) : undefined;
  const others = spec.other === true;
  const anyTable = !tables && !others;
  const needle = spec.text !== '' ? new RegExp(escapeRegExp(spec.text), 'i') : undefined;
  const compiled = spec.where !== undefined && spec.where.trim() !== '' ? compileWhereFilter(spec.where) : undefined;
  const where: WhereFilter | undefined = compiled?.ok ? compiled.filter : undefined;
  return {
    spec,
    matches(e) {
      if (e.kind === 'malformed') {
        if (!anyTable || where) return false;
        return !needle || needle.test(e.summary) || needle.test(e.json);
      }
      if (!anyTable && !(e.other === true ? others : tables !== undefined && tables.has(e.table))) return false;
      if (needle && !needle.test(e.json)) return false;
      return !where || whereMatches(where, e.json);
    },
  };
}

function whereMatches(where: WhereFilter, json: string): boolean {
  if (where.required.length > 0) {
    const lower = json.toLowerCase();
    for (const text of where.required) if (!lower.includes(text)) return false;
  }
  let record: unknown;
  try {
    record = JSON.parse(json);
  } catch {
    return false;
  }
  return typeof record === 'object' && record !== null && where.matches(record as Record<string, unknown>);
}

/** About how much an entry holds, in characters (its JSON, summary and table). */
export function entrySize(e: WireEntry): number {
  return e.json.length + e.summary.length + e.table.length;
}

export const EMPTY_FILTER: FilterSpec = { tables: [], text: '' };

/**
 * The newest `capacity` entries the page holds (fewer when they hold more than `maxChars` characters:
 * the oldest go first, the newest stays), and the positions of those that pass the filter (the rows of
 * the list). Positions are absolute (they keep growing); the entry at position p lives at
 * `ring[p % capacity]` while `p >= firstPos`.
 */
export class EntryStore {
  private ring: Array<WireEntry | undefined>;
  private firstPos = 0;
  private nextPos = 0;
  private chars = 0;
  private shown: number[] = [];
  private shownHead = 0;
  private compiled: PageFilter = compilePageFilter(EMPTY_FILTER);

  constructor(
    readonly capacity: number,
    readonly maxChars = Number.POSITIVE_INFINITY,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError('capacity must be a positive integer');
    if (!(maxChars > 0)) throw new RangeError('maxChars must be positive');
    this.ring = new Array<WireEntry | undefined>(capacity);
  }

  get size(): number {
    return this.nextPos - this.firstPos;
  }

  /** Characters held (`entrySize`). */
  get heldChars(): number {
    return this.chars;
  }

  /** Rows that pass the filter. */
  get shownCount(): number {
    return this.shown.length - this.shownHead;
  }

  get filter(): FilterSpec {
    return this.compiled.spec;
  }

  /**
   * Adds entries (oldest first). Returns how many shown rows were pushed out at the top, so a view
   * that is not following the end can keep its rows in place.
   */
  add(entries: readonly WireEntry[]): { readonly droppedShown: number } {
    const headBefore = this.shownHead;
    const cap = this.capacity;
    // Only the newest `capacity` of a large batch can stay.
    const start = Math.max(0, entries.length - cap);
    if (start > 0) this.dropOldest(this.size);
    for (let i = start; i < entries.length; i++) {
      const e = entries[i] as WireEntry;
      if (this.size === cap) this.dropOldest(1);
      const pos = this.nextPos++;
      this.ring[pos % cap] = e;
      this.chars += entrySize(e);
      if (this.compiled.matches(e)) this.shown.push(pos);
      if (this.chars > this.maxChars) this.dropOldest(this.size - 1, this.maxChars);
    }
    const droppedShown = this.shownHead - headBefore;
    this.compact();
    return { droppedShown };
  }

  clear(): void {
    this.ring = new Array<WireEntry | undefined>(this.capacity);
    this.firstPos = 0;
    this.nextPos = 0;
    this.chars = 0;
    this.shown = [];
    this.shownHead = 0;
  }

  setFilter(spec: FilterSpec): void {
    this.compiled = compilePageFilter(spec);
    const shown: number[] = [];
    for (let p = this.firstPos; p < this.nextPos; p++) {
      if (this.compiled.matches(this.ring[p % this.capacity] as WireEntry)) shown.push(p);
    }
    this.shown = shown;
    this.shownHead = 0;
  }

  /** The i-th shown row (0 = oldest). */
  shownAt(index: number): WireEntry | undefined {
    if (index < 0 || index >= this.shownCount) return undefined;
    return this.ring[(this.shown[this.shownHead + index] as number) % this.capacity];
  }

  /** Index among the shown rows of the entry with this id, or -1 (ids grow with position). */
  indexOfId(id: number): number {
    let lo = 0;
    let hi = this.shownCount - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const e = this.shownAt(mid) as WireEntry;
      if (e.id === id) return mid;
      if (e.id < id) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }

  /** Every held entry, oldest first. */
  *entries(): IterableIterator<WireEntry> {
    for (let p = this.firstPos; p < this.nextPos; p++) yield this.ring[p % this.capacity] as WireEntry;
  }

  /** Drops up to `n` of the oldest entries; with `downTo`, stops once they hold no more than that. */
  private dropOldest(n: number, downTo = -1): void {
    for (let i = 0; i < n && this.firstPos < this.nextPos && this.chars > downTo; i++) {
      const slot = this.firstPos % this.capacity;
      this.chars -= entrySize(this.ring[slot] as WireEntry);
      this.ring[slot] = undefined;
      this.firstPos++;
    }
    if (this.firstPos === this.nextPos) this.chars = 0;
    while (this.shownHead < this.shown.length && (this.shown[this.shownHead] as number) < this.firstPos) this.shownHead++;
  }

  private compact(): void {
    if (this.shownHead > 4096 && this.shownHead * 2 > this.shown.length) {
      this.shown = this.shown.slice(this.shownHead);
      this.shownHead = 0;
    }
  }
}
