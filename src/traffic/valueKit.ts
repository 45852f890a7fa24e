import type { Prng } from './prng';

/** Returned when no rule knows the column: the caller then makes a value from the column's type. */
export const UNKNOWN = Symbol('unknown column');

/** A datetime as Defender writes it: ISO 8601 UTC with 7 fractional digits. */
export function isoTime(ms: number, rng: Prng): string {
  return new Date(ms).toISOString().replace('Z', `${String(rng.int(0, 9999)).padStart(4, '0')}Z`);
}

/** A GUID derived from a hex id (e.g. a device's), so the same entity always gets the same one. */
export function guidFromHex(hex: string, salt: number): string {
  const h = Array.from({ length: 32 }, (_, i) => hex[(i * 7 + salt) % hex.length]).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
