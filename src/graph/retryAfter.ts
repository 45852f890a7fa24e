/**
 * Seconds to wait from a `Retry-After` header: a number of seconds or an HTTP date. Without a usable
 * header, 5 s doubling with each retry. Never negative; fractions round up.
 */
export function parseRetryAfter(header: string | null | undefined, retry: number, now: number = Date.now()): number {
  const fallback = 5 * 2 ** Math.max(0, retry - 1);
  const text = header?.trim();
  if (!text) return fallback;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.ceil(Number(text));
  const date = Date.parse(text);
  if (Number.isNaN(date)) return fallback;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
