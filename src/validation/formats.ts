// Value formats of the Defender envelope and of Kusto scalar types, checked without allocations on the fast path.
// Every check is linear in the length of its text (numbers are scanned by hand: a backtracking pattern
// was quadratic on long digit runs), and texts longer than any real value are turned down unread.

/** Longer than any number worth reading: `Number.MAX_VALUE` written out in full is 309 digits. */
export const MAX_NUMBER_LENGTH = 400;
/** Longer than any ISO 8601 date-time Defender writes (`2024-05-01T10:20:30.1234567Z` is 28). */
const MAX_DATETIME_LENGTH = 64;

const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?([Zz]|[+-]\d{2}(?::?\d{2})?)?)?$/;
const GUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const UTC_SUFFIX = /(?:[Zz]|[+-]00(?::?00)?)$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * Whether `text` is an ISO 8601 (extended format) date or date-time: `2024-05-01`,
 * `2024-05-01T10:20`, `2024-05-01T10:20:30.1234567Z`, `...+02:00`. Calendar values are range-checked.
 */
export function isIso8601(text: string): boolean {
  if (text.length > MAX_DATETIME_LENGTH) return false;
  const fast = canonicalUtc(text);
  if (fast !== undefined) return fast;
  const m = ISO_8601.exec(text);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return false;
  if (m[4] !== undefined) {
    if (Number(m[4]) > 23 || Number(m[5]) > 59) return false;
    if (m[6] !== undefined && Number(m[6]) > 60) return false; // 60: leap second
    const zone = m[7];
    if (zone !== undefined && zone.length > 1) {
      const digits = zone.replace(':', '');
      if (Number(digits.slice(1, 3)) > 23 || (digits.length > 3 && Number(digits.slice(3, 5)) > 59)) return false;
    }
  }
  return true;
}

function digits(text: string, at: number, count: number): number {
  let n = 0;
  for (let i = at; i < at + count; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

/**
 * Fast path for the shape Defender writes, `YYYY-MM-DDTHH:MM:SS[.f...]Z`: true/false when `text` has
 * that shape, undefined otherwise (the general check decides).
 */
function canonicalUtc(text: string): boolean | undefined {
  const n = text.length;
  if (
    n < 20 ||
    text.charCodeAt(n - 1) !== 90 /* Z */ ||
    text.charCodeAt(4) !== 45 ||
    text.charCodeAt(7) !== 45 ||
    text.charCodeAt(10) !== 84
  )
    return undefined;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return undefined;
  if (n > 20 && (text.charCodeAt(19) !== 46 || n === 21 || digits(text, 20, n - 21) < 0)) return undefined;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  const hour = digits(text, 11, 2);
  const minute = digits(text, 14, 2);
  const second = digits(text, 17, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0 || second < 0) return undefined;
  return month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month) && hour <= 23 && minute <= 59 && second <= 60;
}

/** Whether an ISO 8601 date-time is explicitly UTC (`Z` or a zero offset). */
export function isUtcIso8601(text: string): boolean {
  return text.includes('T') || text.includes('t') ? UTC_SUFFIX.test(text) : false;
}

export function isGuid(text: string): boolean {
  return text.length === 36 && GUID.test(text);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/** Where the run of ASCII digits that starts at `at` ends. */
function skipDigits(text: string, at: number): number {
  let i = at;
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i;
}

/** Past an optional `+` or `-` at `at`. */
function skipSign(text: string, at: number): number {
  const c = text.charCodeAt(at);
  return c === 43 || c === 45 ? at + 1 : at;
}

/**
 * A decimal number written as a string (`"1.5"`, `"2e3"`, `"1."`, `".5"`): the pattern
 * `[-+]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?`, scanned in one pass.
 */
export function isRealString(text: string): boolean {
  let i = skipSign(text, 0);
  const whole = i;
  i = skipDigits(text, i);
  let digits = i - whole;
  if (text.charCodeAt(i) === 46 /* . */) {
    const fraction = i + 1;
    i = skipDigits(text, fraction);
    digits += i - fraction;
  }
  if (digits === 0) return false;
  const e = text.charCodeAt(i);
  if (e === 69 || e === 101 /* E e */) {
    const exponent = skipSign(text, i + 1);
    i = skipDigits(text, exponent);
    if (i === exponent) return false;
  }
  return i === text.length;
}
