/** Most row elements the virtual list ever keeps (only the visible rows plus a few on each side). */
export const MAX_POOL = 200;

export interface ViewWindow {
  /** Index of the first rendered row. */
  readonly first: number;
  /** Index after the last rendered row. */
  readonly end: number;
}

/**
 * Which rows to render for a scroll position: the visible ones plus `overscan` on each side, never
 * more than `maxRows`, never outside [0, total).
 */
export function visibleWindow(
  scrollTop: number,
  viewportHeight: number,
  rowHeight: number,
  total: number,
  overscan = 4,
  maxRows = MAX_POOL,
): ViewWindow {
  if (total <= 0 || rowHeight <= 0 || viewportHeight <= 0) return { first: 0, end: 0 };
  const top = Math.max(0, scrollTop);
  const firstVisible = Math.min(total - 1, Math.floor(top / rowHeight));
  const lastVisible = Math.min(total - 1, Math.ceil((top + viewportHeight) / rowHeight) - 1);
  const first = Math.max(0, firstVisible - overscan);
  const end = Math.min(total, lastVisible + 1 + overscan, first + maxRows);
  return { first, end: Math.max(first, end) };
}

/** Row elements needed for a viewport height (bounded by `maxRows`). */
export function poolSize(viewportHeight: number, rowHeight: number, overscan = 4, maxRows = MAX_POOL): number {
  if (rowHeight <= 0 || viewportHeight <= 0) return 0;
  return Math.min(maxRows, Math.ceil(viewportHeight / rowHeight) + 1 + 2 * overscan);
}

/** The smallest change of scrollTop that shows row `index` in full. */
export function scrollToReveal(index: number, scrollTop: number, viewportHeight: number, rowHeight: number): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** Whether the view is scrolled to the end (within half a row): auto-scroll follows new rows then. */
export function isAtBottom(scrollTop: number, viewportHeight: number, scrollHeight: number, rowHeight: number): boolean {
  return scrollTop + viewportHeight >= scrollHeight - rowHeight / 2;
}

export type NavKey = 'ArrowUp' | 'ArrowDown' | 'PageUp' | 'PageDown' | 'Home' | 'End';

export function isNavKey(key: string): key is NavKey {
  return key === 'ArrowUp' || key === 'ArrowDown' || key === 'PageUp' || key === 'PageDown' || key === 'Home' || key === 'End';
}

/** The row a navigation key moves the selection to (-1 when there are no rows). `current` -1: nothing selected. */
export function navigate(key: NavKey, current: number, total: number, pageRows: number): number {
  if (total <= 0) return -1;
  const page = Math.max(1, pageRows - 1);
  const from = current < 0 ? (key === 'ArrowUp' || key === 'PageUp' ? total : -1) : current;
  let to: number;
  switch (key) {
    case 'ArrowUp':
      to = from - 1;
      break;
    case 'ArrowDown':
      to = from + 1;
      break;
    case 'PageUp':
      to = from - page;
      break;
    case 'PageDown':
      to = from + page;
      break;
    case 'Home':
      to = 0;
      break;
    case 'End':
      to = total - 1;
      break;
  }
  return Math.min(total - 1, Math.max(0, to));
}
