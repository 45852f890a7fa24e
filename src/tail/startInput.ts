/**
 * What a user types for a start position or a window's end (Tail to Editor, Start Live Tail): an ISO time,
 * sequence numbers per partition ("0:1200, 1:980"), or a window's end (a time or a number of matches).
 * Plain TypeScript: each parser returns the value or why the text is not one.
 */

export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

const ISO_EXAMPLE = '2025-01-31T09:00:00Z';

/** An ISO time (a date first, e.g. 2025-01-31T09:00:00Z; without a zone it is local time), as epoch ms, or undefined. */
export function parseIsoTime(text: string): number | undefined {
  const value = text.trim();
  const time = /^\d{4}-\d{2}-\d{2}/.test(value) ? Date.parse(value) : Number.NaN;
  return Number.isNaN(time) ? undefined : time;
}

/** An ISO time, or why not. */
export function checkIsoTime(text: string, example = ISO_EXAMPLE): string | undefined {
  return parseIsoTime(text) === undefined ? `An ISO time, e.g. ${example}.` : undefined;
}

/** Event Hubs partition ids are "0", "1", ... (at most a few thousand). */
const PARTITION = /^\d{1,4}$/;

/**
 * "partition:value" pairs separated by commas or spaces, e.g. "0:1200, 1:980": each partition at most once,
 * each value read by `value` (the value; why not; or `undefined` when it is not of the form at all).
 */
function parsePartitionPairs<T>(
  text: string,
  what: string,
  example: string,
  value: (text: string) => Parsed<T> | undefined,
): Parsed<Record<string, T>> {
  const parts = text
    .replace(/\s*:\s*/g, ':')
    .split(/[,;\s]+/)
    .filter((p) => p !== '');
  if (parts.length === 0) return { ok: false, reason: `At least one partition:${what} pair, e.g. ${example}.` };
  const result: Record<string, T> = {};
  for (const part of parts) {
    const at = part.indexOf(':');
    const partition = at < 0 ? '' : part.slice(0, at);
    const parsed = at < 0 || !PARTITION.test(partition) ? undefined : value(part.slice(at + 1));
    if (!parsed) return { ok: false, reason: `"${part}" is not partition:${what} (e.g. ${example.split(',')[0]}).` };
    if (result[partition] !== undefined) return { ok: false, reason: `Partition ${partition} is named twice.` };
    if (!parsed.ok) return parsed;
    result[partition] = parsed.value;
  }
  return { ok: true, value: result };
}

/**
 * Sequence numbers per partition, "partition:sequence" pairs separated by commas or spaces, e.g.
 * "0:1200, 1:980". Each partition at most once; a sequence number is read inclusively (the tail starts at it).
 */
export function parseSequenceNumbers(text: string): Parsed<Record<string, number>> {
  return parsePartitionPairs(text, 'sequence', '0:1200, 1:980', (sequence) => {
    if (!/^\d{1,16}$/.test(sequence)) return undefined;
    const n = Number(sequence);
    if (!Number.isSafeInteger(n)) return { ok: false, reason: `${sequence} is too large for a sequence number.` };
    return { ok: true, value: n };
  });
}

/**
 * Offsets per partition, "partition:offset" pairs, e.g. "0:4096, 1:0" (an offset is what Event Hubs gives
 * as an event's offset, a whole number; read inclusively).
 */
export function parseOffsets(text: string): Parsed<Record<string, string>> {
  return parsePartitionPairs(text, 'offset', '0:4096, 1:0', (offset) =>
    /^\d{1,20}$/.test(offset) ? { ok: true, value: offset } : undefined,
  );
}

/** Where a window ends: at a time (epoch ms) or after a number of matching records. */
export type WindowEnd = { readonly kind: 'time'; readonly untilMs: number } | { readonly kind: 'matches'; readonly count: number };

/** The most matches a window may ask for (a document keeps far fewer lines anyway). */
export const MAX_WINDOW_MATCHES = 1_000_000;

/** A window's end: an ISO time not before `fromMs`, or a whole number of matches from 1. */
export function parseWindowEnd(text: string, fromMs: number): Parsed<WindowEnd> {
  const value = text.trim();
  if (/^\d+$/.test(value)) {
    const count = Number(value);
    if (count < 1 || count > MAX_WINDOW_MATCHES)
      return { ok: false, reason: `A number of matches from 1 to ${MAX_WINDOW_MATCHES.toLocaleString('en-US')}.` };
    return { ok: true, value: { kind: 'matches', count } };
  }
  const until = parseIsoTime(value);
  if (until === undefined) return { ok: false, reason: 'An ISO time (e.g. 2025-01-31T09:15:00Z) or a number of matches (e.g. 100).' };
  if (until < fromMs) return { ok: false, reason: 'Until must not be before the start.' };
  return { ok: true, value: { kind: 'time', untilMs: until } };
}
