import type { WireEntry } from '../../liveTail/shared/protocol';
import { el, setText } from './dom';
import { setHighlightedText } from './highlight';
import type { EntryStore } from './entryStore';
import { columnHeader, columnValues, joinedValues, rowColumns, type ChosenColumns } from './columns';
import { formatTime } from './format';
import { isAtBottom, isNavKey, navigate, scrollToReveal, visibleWindow } from './windowing';

export interface VirtualListOptions {
  readonly store: EntryStore;
  readonly rowHeight: number;
  readonly onSelect: (entry: WireEntry | undefined) => void;
  /** Enter or double click on a row: show its detail. */
  readonly onOpen: (entry: WireEntry) => void;
  /** The user scrolled (for the persisted state). */
  readonly onScroll: (scrollTop: number, follow: boolean) => void;
}

interface PooledRow {
  readonly element: HTMLDivElement;
  readonly cells: readonly HTMLSpanElement[];
  entryId: number;
  index: number;
  selected: boolean;
}

/** Rows whose chosen columns' values are remembered. */
const VALUE_CACHE_SIZE = 500;

/** The grid's columns: time and table, then the summary (or the chosen columns), then partition and sequence. */
const FIRST = [
  { key: 'time', label: 'Time' },
  { key: 'table', label: 'Table' },
] as const;
const LAST = [
  { key: 'partition', label: 'Partition' },
  { key: 'seq', label: 'Sequence' },
] as const;

/**
 * The rows of the tail: a grid whose body holds only the visible rows (plus a few), drawn from a
 * recycled pool of plain elements positioned with transforms. Follows the end while the user is at
 * the bottom; keyboard navigation moves the selection.
 */
export class VirtualList {
  readonly element: HTMLDivElement;
  private readonly viewport: HTMLDivElement;
  private readonly spacer: HTMLDivElement;
  private readonly pool: PooledRow[] = [];
  private follow = true;
  private selectedId: number | undefined;
  private renderQueued = false;
  /** scrollTop we set ourselves: its scroll event is not the user's. */
  private ownScrollTop = -1;
  private lastTotal = -1;
  /** Applied on the next render, once the spacer has its new height (setting it earlier would be clamped). */
  private pendingScrollTop: number | undefined;
  private pendingShift = 0;
  private readonly header: HTMLDivElement;
  /** The chosen columns shown as columns of the grid (the table in view has some); `undefined`: the summary column. */
  private gridColumns: readonly string[] | undefined;
  /** The chosen columns per table: rows of such a table show them in the summary column. */
  private chosen: ChosenColumns = {};
  /** Values of the chosen columns of recently drawn rows, by entry id (scrolling back does not read a record again). */
  private readonly valueCache = new Map<number, string[]>();

  constructor(private readonly o: VirtualListOptions) {
    this.element = el('div', 'grid');
    this.element.setAttribute('role', 'grid');
    this.element.setAttribute('aria-label', 'Tail records');
    this.element.setAttribute('aria-readonly', 'true');
    this.element.tabIndex = 0;

    const headerGroup = el('div', 'grid-head');
    headerGroup.setAttribute('role', 'rowgroup');
    this.header = el('div', 'row header');
    this.header.setAttribute('role', 'row');
    this.header.setAttribute('aria-rowindex', '1');
    this.fillHeader();
    headerGroup.append(this.header);

    this.viewport = el('div', 'grid-body');
    this.viewport.setAttribute('role', 'rowgroup');
    this.spacer = el('div', 'grid-spacer');
    this.viewport.append(this.spacer);
    this.element.append(headerGroup, this.viewport);

    this.viewport.addEventListener('scroll', () => this.onScroll(), { passive: true });
    this.element.addEventListener('keydown', (e) => this.onKey(e));
    this.spacer.addEventListener('click', (e) => {
      const row = this.rowOf(e.target);
      if (row) this.selectIndex(row.index, false);
    });
    this.spacer.addEventListener('dblclick', (e) => {
      const row = this.rowOf(e.target);
      const entry = row ? this.o.store.shownAt(row.index) : undefined;
      if (entry) this.o.onOpen(entry);
    });
    new ResizeObserver(() => this.invalidate()).observe(this.viewport);
  }

  get isFollowing(): boolean {
    return this.follow;
  }

  get selected(): number | undefined {
    return this.selectedId;
  }

  /** Row elements currently in the DOM. */
  get domRowCount(): number {
    return this.spacer.childElementCount;
  }

  /** The data changed: redraw on the next frame. `droppedShown` rows left at the top (kept in place when not following). */
  refresh(droppedShown = 0): void {
    if (droppedShown > 0 && !this.follow) this.pendingShift += droppedShown;
    this.invalidate();
  }

  /** The rows were rebuilt (filter change, reset): keep the selection if it is still shown. */
  rebuilt(): void {
    this.pendingShift = 0;
    // A reset may bring other records under the same ids (a new session numbers from 1 again).
    this.valueCache.clear();
    if (!this.follow && this.selectedId !== undefined) {
      const index = this.o.store.indexOfId(this.selectedId);
      if (index >= 0) this.pendingScrollTop = Math.max(0, index * this.o.rowHeight - this.viewport.clientHeight / 2);
    }
    for (const row of this.pool) row.entryId = -1;
    this.invalidate();
  }

  /**
   * The columns to show: `grid` as columns of their own (or the summary column when `undefined`), and
   * per table the chosen columns that its rows show in the summary column. Redraws every row.
   */
  setColumns(grid: readonly string[] | undefined, chosen: ChosenColumns): void {
    const same = (a: readonly string[] | undefined, b: readonly string[] | undefined): boolean =>
      a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((c, i) => c === b[i]));
    const layoutChanged = !same(grid, this.gridColumns);
    this.gridColumns = grid;
    this.chosen = chosen;
    this.valueCache.clear();
    if (layoutChanged) {
      this.fillHeader();
      for (const row of this.pool) row.element.remove();
      this.pool.length = 0;
    }
    for (const row of this.pool) row.entryId = -1;
    this.invalidate();
  }

  /** The header's cells (the header row is not virtualised). */
  private fillHeader(): void {
    const cells = this.columnKeys().map((c) => {
      const cell = el('span', `cell ${c.className}`, c.label);
      cell.setAttribute('role', 'columnheader');
      if (c.column !== undefined) cell.dataset.column = c.column;
      return cell;
    });
    this.header.replaceChildren(...cells);
  }

  private columnKeys(): Array<{ className: string; label: string; column?: string }> {
    const middle = this.gridColumns
      ? this.gridColumns.map((c) => ({ className: 'c-col', label: columnHeader(c), column: c }))
      : [{ className: 'c-summary', label: 'Summary' }];
    return [
      ...FIRST.map((c) => ({ className: `c-${c.key}`, label: c.label })),
      ...middle,
      ...LAST.map((c) => ({ className: `c-${c.key}`, label: c.label })),
    ];
  }

  setFollow(follow: boolean): void {
    this.follow = follow;
    this.invalidate();
  }

  restoreScroll(scrollTop: number, follow: boolean): void {
    this.follow = follow;
    if (!follow) this.pendingScrollTop = scrollTop;
    this.invalidate();
  }

  select(id: number | undefined): void {
    this.selectedId = id;
    this.invalidate();
  }

  focus(): void {
    this.element.focus();
  }

  private invalidate(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    requestAnimationFrame(() => this.render());
  }

  private setScrollTop(top: number): void {
    this.viewport.scrollTop = top;
    this.ownScrollTop = this.viewport.scrollTop;
  }

  private render(): void {
    this.renderQueued = false;
    const { store, rowHeight } = this.o;
    const total = store.shownCount;
    if (total !== this.lastTotal) {
      this.spacer.style.height = `${total * rowHeight}px`;
      this.element.setAttribute('aria-rowcount', String(total + 1));
      this.lastTotal = total;
    }
    const height = this.viewport.clientHeight;
    if (!this.follow && this.pendingScrollTop !== undefined) this.setScrollTop(this.pendingScrollTop);
    else if (!this.follow && this.pendingShift > 0) this.setScrollTop(Math.max(0, this.viewport.scrollTop - this.pendingShift * rowHeight));
    this.pendingScrollTop = undefined;
    this.pendingShift = 0;
    if (this.follow) {
      const bottom = Math.max(0, total * rowHeight - height);
      if (Math.abs(this.viewport.scrollTop - bottom) >= 1) this.setScrollTop(bottom);
    }
    const { first, end } = visibleWindow(this.viewport.scrollTop, height, rowHeight, total);
    const needed = end - first;
    while (this.pool.length < needed) this.pool.push(this.createRow(this.pool.length));
    let active: string | undefined;
    for (let i = 0; i < this.pool.length; i++) {
      const row = this.pool[i] as PooledRow;
      if (i >= needed) {
        if (row.element.parentNode) row.element.remove();
        continue;
      }
      this.fill(row, first + i);
      if (!row.element.parentNode) this.spacer.append(row.element);
      if (row.selected) active = row.element.id;
    }
    if (active) this.element.setAttribute('aria-activedescendant', active);
    else this.element.removeAttribute('aria-activedescendant');
  }

  private createRow(n: number): PooledRow {
    const element = el('div', 'row');
    element.setAttribute('role', 'row');
    element.id = `tail-row-${n}`;
    element.style.height = `${this.o.rowHeight}px`;
    const cells = this.columnKeys().map((c) => {
      const cell = el('span', `cell ${c.className}`);
      cell.setAttribute('role', 'gridcell');
      if (c.column !== undefined) cell.dataset.column = c.column;
      element.append(cell);
      return cell;
    });
    return { element, cells, entryId: -1, index: -1, selected: false };
  }

  private fill(row: PooledRow, index: number): void {
    const entry = this.o.store.shownAt(index) as WireEntry;
    if (row.index !== index) {
      row.index = index;
      row.element.style.transform = `translateY(${index * this.o.rowHeight}px)`;
      row.element.setAttribute('aria-rowindex', String(index + 2));
    }
    if (row.entryId !== entry.id) {
      row.entryId = entry.id;
      const cells = row.cells;
      const last = cells.length - 1;
      setText(cells[0] as HTMLSpanElement, formatTime(entry.time));
      setText(cells[1] as HTMLSpanElement, entry.kind === 'malformed' ? 'Malformed' : entry.table || '(no category)');
      // Matches of the text filter are marked (the filter change rebuilds the rows).
      const mark = this.o.store.filter.text;
      const grid = this.gridColumns;
      if (grid) {
        const values =
          entry.kind === 'malformed' ? grid.map((_, i) => (i === 0 ? `${entry.summary} · ${entry.json}` : '')) : this.valuesOf(entry, grid);
        values.forEach((value, i) => setHighlightedText(cells[2 + i] as HTMLSpanElement, value, mark));
      } else {
        const chosen = rowColumns(entry, this.chosen);
        const text =
          entry.kind === 'malformed' ? `${entry.summary} · ${entry.json}` : chosen ? this.joinedOf(entry, chosen) : entry.summary;
        setHighlightedText(cells[2] as HTMLSpanElement, text, mark);
      }
      setText(cells[last - 1] as HTMLSpanElement, entry.partition);
      setText(cells[last] as HTMLSpanElement, String(entry.seq));
      row.element.classList.toggle('malformed', entry.kind === 'malformed');
      row.element.classList.toggle('unknown-table', entry.kind === 'record' && !entry.known);
    }
    const selected = entry.id === this.selectedId;
    if (row.selected !== selected) {
      row.selected = selected;
      row.element.classList.toggle('selected', selected);
      row.element.setAttribute('aria-selected', String(selected));
    }
  }

  /** `columnValues`, remembered for the last few hundred rows drawn. */
  private valuesOf(entry: WireEntry, columns: readonly string[]): string[] {
    let values = this.valueCache.get(entry.id);
    if (!values) {
      values = columnValues(entry, columns);
      if (this.valueCache.size >= VALUE_CACHE_SIZE) this.valueCache.delete(this.valueCache.keys().next().value as number);
      this.valueCache.set(entry.id, values);
    }
    return values;
  }

  private joinedOf(entry: WireEntry, columns: readonly string[]): string {
    return joinedValues(entry, columns, this.valuesOf(entry, columns));
  }

  private rowOf(target: EventTarget | null): PooledRow | undefined {
    const rowElement = target instanceof Element ? target.closest('.row') : null;
    return rowElement ? this.pool.find((r) => r.element === rowElement) : undefined;
  }

  private selectIndex(index: number, reveal: boolean): void {
    const entry = this.o.store.shownAt(index);
    this.selectedId = entry?.id;
    if (entry && reveal) {
      const total = this.o.store.shownCount;
      this.follow = index === total - 1;
      if (!this.follow) {
        this.setScrollTop(scrollToReveal(index, this.viewport.scrollTop, this.viewport.clientHeight, this.o.rowHeight));
      }
      this.o.onScroll(this.viewport.scrollTop, this.follow);
    }
    this.o.onSelect(entry);
    this.invalidate();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.target !== this.element) return;
    const { store, rowHeight } = this.o;
    if (isNavKey(e.key)) {
      e.preventDefault();
      const current = this.selectedId === undefined ? -1 : store.indexOfId(this.selectedId);
      const pageRows = Math.max(1, Math.floor(this.viewport.clientHeight / rowHeight));
      const next = navigate(e.key, current, store.shownCount, pageRows);
      if (next >= 0) this.selectIndex(next, true);
    } else if (e.key === 'Enter' && this.selectedId !== undefined) {
      const index = store.indexOfId(this.selectedId);
      const entry = store.shownAt(index);
      if (entry) {
        e.preventDefault();
        this.o.onOpen(entry);
      }
    }
  }

  private onScroll(): void {
    const top = this.viewport.scrollTop;
    if (Math.abs(top - this.ownScrollTop) < 1) return;
    this.ownScrollTop = -1;
    this.follow = isAtBottom(top, this.viewport.clientHeight, this.viewport.scrollHeight, this.o.rowHeight);
    this.o.onScroll(top, this.follow);
    this.invalidate();
  }
}
