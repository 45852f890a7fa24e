/** Where-filter tokens: each carries its position in the source (`start` inclusive, `end` exclusive). */
export type Token =
  | { readonly kind: 'ident'; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: 'string'; readonly value: string; readonly start: number; readonly end: number }
  | { readonly kind: 'number'; readonly value: number; readonly start: number; readonly end: number }
  | { readonly kind: 'datetime'; readonly value: number; readonly start: number; readonly end: number }
  /** Punctuation and symbolic operators: ( ) [ ] , . .. - == != =~ !~ < <= > >= and `!name` (as `!has`). */
  | { readonly kind: 'op'; readonly text: string; readonly start: number; readonly end: number }
  | { readonly kind: 'end'; readonly start: number; readonly end: number };

/** A parse error: the range to underline and the reason. */
export class WhereError extends Error {
  constructor(
    message: string,
    readonly start: number,
    readonly end: number,
  ) {
    super(message);
  }
}

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isIdentStart = (c: number): boolean => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36;
const isIdentPart = (c: number): boolean => isIdentStart(c) || isDigit(c);

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;

/** A Kusto datetime literal's text as milliseconds since the epoch (UTC unless it names a zone); NaN when invalid. */
export function parseDatetime(text: string): number {
  const m = DATETIME.exec(text.trim());
  if (!m) return Number.NaN;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const ms = frac ? frac.slice(0, 4).padEnd(4, '0') : '.000';
  const z = zone.toUpperCase() === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  return Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s}${ms}${z}`);
}

/** Splits `source` into tokens (linear); throws `WhereError` at the first character it cannot read. */
export function tokenize(source: string): Token[] {
  const out: Token[] = [];
  const n = source.length;
  let i = 0;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13) {
      i++;
      continue;
    }
    const start = i;
    if (isIdentStart(c)) {
      while (i < n && isIdentPart(source.charCodeAt(i))) i++;
      const text = source.slice(start, i);
      if (text === 'datetime') {
        let j = i;
        while (j < n && source[j] === ' ') j++;
        if (source[j] === '(') {
          const close = source.indexOf(')', j);
          if (close < 0) throw new WhereError("expected ')' to close datetime(", start, n);
          let inner = source.slice(j + 1, close).trim();
          if (/^(["']).*\1$/.test(inner)) inner = inner.slice(1, -1);
          const value = parseDatetime(inner);
          if (Number.isNaN(value))
            throw new WhereError(`not a datetime: '${inner}' (use e.g. datetime(2026-12-01T09:00:00Z))`, start, close + 1);
          i = close + 1;
          out.push({ kind: 'datetime', value, start, end: i });
          continue;
        }
      }
      if ((text === 'in' || text === 'has_any') && source[i] === '~') i++;
      out.push({ kind: 'ident', text: source.slice(start, i), start, end: i });
      continue;
    }
    if (isDigit(c) || (c === 46 && isDigit(source.charCodeAt(i + 1)))) {
      while (i < n && isDigit(source.charCodeAt(i))) i++;
      if (source[i] === '.' && source[i + 1] !== '.') {
        i++;
        while (i < n && isDigit(source.charCodeAt(i))) i++;
      }
      if (source[i] === 'e' || source[i] === 'E') {
        let j = i + 1;
        if (source[j] === '+' || source[j] === '-') j++;
        if (isDigit(source.charCodeAt(j))) {
          i = j;
          while (i < n && isDigit(source.charCodeAt(i))) i++;
        }
      }
      if (i < n && isIdentPart(source.charCodeAt(i))) throw new WhereError('not a number', start, i + 1);
      out.push({ kind: 'number', value: Number(source.slice(start, i)), start, end: i });
      continue;
    }
    if (c === 34 || c === 39 || (c === 64 && (source[i + 1] === '"' || source[i + 1] === "'"))) {
      out.push(readString(source, i));
      i = out[out.length - 1].end;
      continue;
    }
    const two = source.slice(i, i + 2);
    if (two === '==' || two === '!=' || two === '=~' || two === '!~' || two === '<=' || two === '>=' || two === '..') {
      i += 2;
      out.push({ kind: 'op', text: two, start, end: i });
      continue;
    }
    if (c === 33 && isIdentStart(source.charCodeAt(i + 1))) {
      i++;
      while (i < n && isIdentPart(source.charCodeAt(i))) i++;
      if (source.slice(start + 1, i) === 'in' && source[i] === '~') i++;
      out.push({ kind: 'op', text: source.slice(start, i), start, end: i });
      continue;
    }
    if ('()[],.<>-'.includes(source[i])) {
      i++;
      out.push({ kind: 'op', text: source[start], start, end: i });
      continue;
    }
    throw new WhereError(`unexpected character '${source[i]}'`, start, start + 1);
  }
  out.push({ kind: 'end', start: n, end: n });
  return out;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0', '\\': '\\', '"': '"', "'": "'" };

function readString(source: string, at: number): Token {
  const start = at;
  const verbatim = source[at] === '@';
  if (verbatim) at++;
  const quote = source[at];
  let i = at + 1;
  let value = '';
  let from = i;
  for (;;) {
    if (i >= source.length) throw new WhereError('unterminated string: expected a closing ' + quote, start, source.length);
    const ch = source[i];
    if (ch === quote) {
      if (verbatim && source[i + 1] === quote) {
        value += source.slice(from, i + 1);
        i += 2;
        from = i;
        continue;
      }
      value += source.slice(from, i);
      return { kind: 'string', value, start, end: i + 1 };
    }
    if (ch === '\\' && !verbatim) {
      value += source.slice(from, i);
      const e = source[i + 1];
      if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(i + 2, i + 6))) {
        value += String.fromCharCode(parseInt(source.slice(i + 2, i + 6), 16));
        i += 6;
      } else if (e !== undefined && ESCAPES[e] !== undefined) {
        value += ESCAPES[e];
        i += 2;
      } else throw new WhereError(`unknown escape '\\${e ?? ''}' in a string`, i, Math.min(i + 2, source.length));
      from = i;
      continue;
    }
    i++;
  }
}
