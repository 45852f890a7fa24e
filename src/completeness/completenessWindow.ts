/** A past time window, [start, end): both sides count the records whose time falls in it. */
export interface CompletenessWindow {
  readonly start: Date;
  readonly end: Date;
}

const HOUR = 3_600_000;
/** Advanced Hunting keeps 30 days of data. */
export const MAX_WINDOW_AGE_MS = 30 * 24 * HOUR;
/** How long after its end a window is settled enough to compare (records reach both sides with delays). */
export const DEFAULT_SETTLE_MS = 15 * 60_000;

/** The last full hour that ended at least `settleMs` (15 minutes) before `now`. */
export function defaultWindow(now: Date, settleMs = DEFAULT_SETTLE_MS): CompletenessWindow {
  const end = Math.floor((now.getTime() - settleMs) / HOUR) * HOUR;
  return { start: new Date(end - HOUR), end: new Date(end) };
}

/** The full hours, newest first, that ended at least `settleMs` before `now`. */
export function recentHours(now: Date, count: number, settleMs = DEFAULT_SETTLE_MS): CompletenessWindow[] {
  const newest = defaultWindow(now, settleMs);
  return Array.from({ length: count }, (_, i) => ({
    start: new Date(newest.start.getTime() - i * HOUR),
    end: new Date(newest.end.getTime() - i * HOUR),
  }));
}

/**
 * `2026-12-01 08:00–09:00 UTC` (a window that ends at midnight: `23:00–24:00`), or both ends in full when
 * the window spans days or is not whole minutes.
 */
export function windowLabel(window: CompletenessWindow): string {
  const s = window.start.toISOString();
  const e = window.end.toISOString();
  const wholeMinutes = s.endsWith(':00.000Z') && e.endsWith(':00.000Z');
  if (wholeMinutes && s.slice(0, 10) === e.slice(0, 10)) return `${s.slice(0, 10)} ${s.slice(11, 16)}–${e.slice(11, 16)} UTC`;
  const lastMinute = new Date(window.end.getTime() - 60_000).toISOString();
  if (wholeMinutes && e.slice(11, 16) === '00:00' && lastMinute.slice(0, 10) === s.slice(0, 10))
    return `${s.slice(0, 10)} ${s.slice(11, 16)}–24:00 UTC`;
  return `${s} – ${e}`;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?Z$/;

/**
 * Parses `START .. END` (ISO 8601 in UTC, e.g. `2026-12-01T08:00Z .. 2026-12-01T09:00Z`). Returns the
 * window or a message saying what is wrong: the end must follow the start, lie at least `settleMs`
 * in the past, and the start within Advanced Hunting's 30 days.
 */
export function parseWindow(text: string, now: Date, settleMs = DEFAULT_SETTLE_MS): CompletenessWindow | string {
  const parts = text.split('..').map((p) => p.trim());
  if (parts.length !== 2 || !ISO.test(parts[0]) || !ISO.test(parts[1]))
    return 'Give the window as START .. END in UTC, e.g. 2026-12-01T08:00Z .. 2026-12-01T09:00Z.';
  const start = new Date(parts[0]);
  const end = new Date(parts[1]);
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime())) return 'That is not a valid date and time.';
  if (end <= start) return 'The end must come after the start.';
  if (now.getTime() - end.getTime() < settleMs)
    return `The window must have ended at least ${Math.round(settleMs / 60_000)} minutes ago: records reach Advanced Hunting and the hub with delays.`;
  if (now.getTime() - start.getTime() > MAX_WINDOW_AGE_MS) return 'Advanced Hunting keeps 30 days of data: start within the last 30 days.';
  return { start, end };
}
