import type { Expr, Literal, Path, WhereRow } from './ast';
import { hasTerm } from './terms';

export type RecordPredicate = (record: WhereRow) => boolean;
type Getter = (record: WhereRow) => unknown;

/** Longest string read as JSON when an expression looks inside it (`AdditionalFields.Foo`). */
export const MAX_DYNAMIC_TEXT = 256 * 1024;

/** A column value that arrived as JSON text, parsed once per holder object. */
const parsedText = new WeakMap<object, Map<string | number, unknown>>();

function dynamic(holder: object, key: string | number, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const first = value.charCodeAt(0);
  if ((first !== 123 && first !== 91) || value.length > MAX_DYNAMIC_TEXT) return value; // not `{` or `[`: a plain string
  let cache = parsedText.get(holder);
  if (cache === undefined) parsedText.set(holder, (cache = new Map()));
  if (cache.has(key)) return cache.get(key);
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    parsed = value;
  }
  cache.set(key, parsed);
  return parsed;
}

function step(value: unknown, key: string | number, holderForText: boolean): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  const v = Array.isArray(value) ? (typeof key === 'number' ? value[key] : undefined) : (value as Record<string, unknown>)[key];
  return holderForText ? dynamic(value, key, v) : v;
}

function getter(path: Path): Getter {
  const segs = path.segments;
  const envelope = path.envelope;
  if (segs.length === 1) {
    const key = segs[0];
    return envelope ? (r) => r[key as string] : (r) => step(r.properties, key, false);
  }
  return (r) => {
    let v: unknown = envelope ? r : r.properties;
    for (let i = 0; i < segs.length; i++) v = step(v, segs[i], i < segs.length - 1);
    return v;
  };
}

/** A value as Kusto's string operators see it: "" for nothing, JSON for objects. */
function asString(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') {
    try {
      return JSON.stringify(v);
    } catch {
      return '';
    }
  }
  return String(v);
}

/** A value as a number: numbers, and strings that hold one; NaN otherwise. */
function asNumber(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return Number.NaN;
}

/** A value as an instant (ms): ISO strings and numbers of ms; NaN otherwise. */
function asInstant(v: unknown): number {
  if (typeof v === 'string') return Date.parse(v);
  if (typeof v === 'number') return v;
  return Number.NaN;
}

function asBool(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (v === 1 || v === 0) return v === 1;
  if (typeof v === 'string') {
    const s = v.toLowerCase();
    if (s === 'true' || s === '1') return true;
    if (s === 'false' || s === '0') return false;
  }
  return undefined;
}

/** `value == literal` in the literal's type (strings case-sensitive unless `caseless`). */
function equals(literal: Literal, caseless: boolean): (v: unknown) => boolean {
  switch (literal.type) {
    case 'string': {
      const want = caseless ? literal.value.toLowerCase() : literal.value;
      return caseless ? (v) => asString(v).toLowerCase() === want : (v) => asString(v) === want;
    }
    case 'number':
      return (v) => asNumber(v) === literal.value;
    case 'datetime':
      return (v) => asInstant(v) === literal.value;
    case 'bool':
      return (v) => asBool(v) === literal.value;
  }
}

function order(op: string, literal: Literal): (v: unknown) => boolean {
  const to = literal.type === 'datetime' ? asInstant : asNumber;
  const x = literal.value as number;
  switch (op) {
    case '<':
      return (v) => to(v) < x;
    case '<=':
      return (v) => to(v) <= x;
    case '>':
      return (v) => to(v) > x;
    default:
      return (v) => to(v) >= x;
  }
}

function stringTest(op: string, needle: string): (v: unknown) => boolean {
  const lower = needle.toLowerCase();
  switch (op) {
    case 'has':
      return (v) => hasTerm(asString(v).toLowerCase(), lower);
    case 'has_cs':
      return (v) => hasTerm(asString(v), needle);
    case 'contains':
      return (v) => asString(v).toLowerCase().includes(lower);
    case 'contains_cs':
      return (v) => asString(v).includes(needle);
    case 'startswith':
      return (v) => asString(v).toLowerCase().startsWith(lower);
    case 'startswith_cs':
      return (v) => asString(v).startsWith(needle);
    case 'endswith':
      return (v) => asString(v).toLowerCase().endsWith(lower);
    default:
      return (v) => asString(v).endsWith(needle);
  }
}

function valueTest(expr: Expr): (v: unknown) => boolean {
  switch (expr.kind) {
    case 'compare': {
      const { op, value } = expr;
      if (op === '==' || op === '=~') return equals(value, op === '=~');
      if (op === '!=' || op === '!~') {
        const eq = equals(value, op === '!~');
        // Nothing is not unequal to a number or a datetime (Kusto: null != 5 is null).
        if (value.type === 'number' || value.type === 'datetime')
          return (v) => !Number.isNaN((value.type === 'number' ? asNumber : asInstant)(v)) && !eq(v);
        return (v) => !eq(v);
      }
      if (op === '<' || op === '<=' || op === '>' || op === '>=') return order(op, value);
      const test = stringTest(op, (value as { value: string }).value);
      return expr.negate ? (v) => !test(v) : test;
    }
    case 'in': {
      const strings = expr.values.every((l) => l.type === 'string');
      let test: (v: unknown) => boolean;
      if (strings) {
        const set = new Set(expr.values.map((l) => (expr.caseless ? (l.value as string).toLowerCase() : (l.value as string))));
        test = expr.caseless ? (v) => set.has(asString(v).toLowerCase()) : (v) => set.has(asString(v));
      } else {
        const tests = expr.values.map((l) => equals(l, expr.caseless));
        test = (v) => tests.some((t) => t(v));
      }
      return expr.negate ? (v) => !test(v) : test;
    }
    case 'between': {
      const to = expr.low.type === 'datetime' ? asInstant : asNumber;
      const lo = expr.low.value as number;
      const hi = expr.high.value as number;
      return expr.negate
        ? (v) => {
            const x = to(v);
            return !Number.isNaN(x) && (x < lo || x > hi);
          }
        : (v) => {
            const x = to(v);
            return x >= lo && x <= hi;
          };
    }
    case 'empty': {
      const empty = (v: unknown): boolean => v === undefined || v === null || v === '';
      return expr.negate ? (v) => !empty(v) : empty;
    }
    case 'truthy':
      return (v) => asBool(v) === true;
    default:
      throw new Error(`not a predicate: ${expr.kind}`);
  }
}

/** Compiles a parsed expression into one closure over a record (built once; no allocation per call beyond the values read). */
export function compileWhere(expr: Expr): RecordPredicate {
  switch (expr.kind) {
    case 'and': {
      const a = compileWhere(expr.left);
      const b = compileWhere(expr.right);
      return (r) => a(r) && b(r);
    }
    case 'or': {
      const a = compileWhere(expr.left);
      const b = compileWhere(expr.right);
      return (r) => a(r) || b(r);
    }
    case 'not': {
      const a = compileWhere(expr.expr);
      return (r) => !a(r);
    }
    default: {
      const get = getter(expr.path);
      const test = valueTest(expr);
      return (r) => test(get(r));
    }
  }
}

/**
 * Texts that every matching record's JSON contains (lower case), from the string tests that the whole
 * expression requires (those joined by `and`, outside `not`): a cheap check before parsing a record
 * kept as text. Only needles of plain characters (letters, digits, space, `_.-:@`; not number-like) count,
 * which JSON writes as themselves, even inside a JSON string held in a column.
 */
export function requiredTexts(expr: Expr): string[] {
  const out: string[] = [];
  const visit = (e: Expr): void => {
    if (e.kind === 'and') {
      visit(e.left);
      visit(e.right);
    } else if (e.kind === 'compare' && !e.negate && e.value.type === 'string' && e.op !== '!=' && e.op !== '!~') {
      const needle = e.value.value;
      // Not number-like needles: a number's JSON may be written otherwise ("4e2" for "400").
      if (needle.length >= 3 && /^[A-Za-z0-9 _.:@-]+$/.test(needle) && !/^[0-9.eE+-]+$/.test(needle)) out.push(needle.toLowerCase());
    }
  };
  visit(expr);
  return out;
}
