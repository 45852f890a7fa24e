import type { Expr, Literal, OrderOp, Path, StringOp } from './ast';
import { tokenize, WhereError, type Token } from './lexer';

/** Longest expression accepted (characters). */
export const MAX_WHERE_LENGTH = 4000;
/** Deepest nesting of parentheses and `not(...)`. */
export const MAX_WHERE_DEPTH = 32;
const MAX_IN_VALUES = 1000;

/** The envelope fields a bare name means (any other bare name is a properties column). */
export const ENVELOPE_FIELDS: ReadonlySet<string> = new Set(['time', 'category', 'tenantId']);

const STRING_OPS = new Set(['has', 'has_cs', 'contains', 'contains_cs', 'startswith', 'startswith_cs', 'endswith', 'endswith_cs']);
const SYMBOL_OPS = new Set(['==', '!=', '=~', '!~', '<', '<=', '>', '>=']);
const KEYWORDS = new Set(['and', 'or', 'not', 'in', 'in~', 'between', 'true', 'false', 'isempty', 'isnotempty', ...STRING_OPS]);

/** Parses a where expression; throws `WhereError` (with the range to underline) when it is not one. */
export function parseWhere(source: string): Expr {
  if (source.length > MAX_WHERE_LENGTH)
    throw new WhereError(
      `the expression is too long (${source.length} characters; at most ${MAX_WHERE_LENGTH})`,
      MAX_WHERE_LENGTH,
      source.length,
    );
  const tokens = tokenize(source);
  let pos = 0;
  let depth = 0;
  const peek = (): Token => tokens[pos];
  const isOp = (t: Token, text: string): boolean => t.kind === 'op' && t.text === text;
  const isWord = (t: Token, text: string): boolean => t.kind === 'ident' && t.text === text;
  const describe = (t: Token): string =>
    t.kind === 'end'
      ? 'the end'
      : `'${source.slice(t.start, t.end).length > 30 ? source.slice(t.start, t.start + 30) + '…' : source.slice(t.start, t.end)}'`;
  const fail = (reason: string, t: Token = peek()): never => {
    throw new WhereError(
      t.kind === 'end' ? reason : `${reason}, found ${describe(t)}`,
      t.start,
      t.kind === 'end' ? t.end : Math.max(t.end, t.start + 1),
    );
  };
  const expect = (text: string, reason: string): Token => {
    const t = peek();
    if (!isOp(t, text)) fail(reason);
    pos++;
    return t;
  };
  const enter = (t: Token): void => {
    if (++depth > MAX_WHERE_DEPTH) throw new WhereError(`nested too deeply (at most ${MAX_WHERE_DEPTH} levels)`, t.start, t.end);
  };

  function parseOr(): Expr {
    let left = parseAnd();
    while (isWord(peek(), 'or')) {
      pos++;
      left = { kind: 'or', left, right: parseAnd() };
    }
    return left;
  }

  function parseAnd(): Expr {
    let left = parseUnary();
    while (isWord(peek(), 'and')) {
      pos++;
      left = { kind: 'and', left, right: parseUnary() };
    }
    return left;
  }

  function parseUnary(): Expr {
    const t = peek();
    if (isWord(t, 'not')) {
      pos++;
      enter(t);
      expect('(', "expected '(' after 'not'");
      const expr = parseOr();
      expect(')', "expected ')' to close 'not('");
      depth--;
      return { kind: 'not', expr };
    }
    if (isOp(t, '(')) {
      pos++;
      enter(t);
      const expr = parseOr();
      expect(')', "expected ')' to close '('");
      depth--;
      return expr;
    }
    if (isWord(t, 'isempty') || isWord(t, 'isnotempty')) {
      pos++;
      expect('(', `expected '(' after '${t.kind === 'ident' ? t.text : ''}'`);
      const path = parsePath();
      expect(')', `expected ')' after the column`);
      return { kind: 'empty', path, negate: isWord(t, 'isnotempty') };
    }
    const path = parsePath();
    return parsePredicate(path);
  }

  function parsePath(): Path {
    const first = peek();
    if (first.kind !== 'ident' || KEYWORDS.has(first.text)) return fail('expected a column name');
    pos++;
    const segments: Array<string | number> = [];
    let envelope = false;
    if (first.text === 'properties' && isOp(peek(), '.')) {
      // `properties.X`: the properties column X
    } else if (ENVELOPE_FIELDS.has(first.text)) {
      envelope = true;
      segments.push(first.text);
    } else segments.push(first.text);
    let end = first.end;
    for (;;) {
      const t = peek();
      if (isOp(t, '.')) {
        pos++;
        const name = peek();
        if (name.kind !== 'ident') fail("expected a name after '.'");
        segments.push((name as { text: string }).text);
        end = name.end;
        pos++;
      } else if (isOp(t, '[')) {
        pos++;
        const key = peek();
        if (key.kind === 'string') segments.push(key.value);
        else if (key.kind === 'number' && Number.isInteger(key.value)) segments.push(key.value);
        else fail("expected a quoted key or an index after '['");
        pos++;
        end = expect(']', "expected ']'").end;
      } else break;
    }
    if (segments.length === 0) fail("expected a column name after 'properties.'");
    return { envelope, segments, text: source.slice(first.start, end) };
  }

  function parseLiteral(after: string): Literal {
    const t = peek();
    const reason = `expected a value after '${after}'`;
    if (t.kind === 'string') {
      pos++;
      return { type: 'string', value: t.value };
    }
    if (t.kind === 'number') {
      pos++;
      return { type: 'number', value: t.value };
    }
    if (t.kind === 'datetime') {
      pos++;
      return { type: 'datetime', value: t.value };
    }
    if (isOp(t, '-') && tokens[pos + 1].kind === 'number') {
      pos += 2;
      return { type: 'number', value: -(tokens[pos - 1] as { value: number }).value };
    }
    if (isWord(t, 'true') || isWord(t, 'false')) {
      pos++;
      return { type: 'bool', value: isWord(t, 'true') };
    }
    if (t.kind === 'ident')
      return fail(`${reason} (a quoted string, a number, true/false or datetime(...); comparing two columns is not supported)`);
    return fail(reason);
  }

  function parseList(opText: string): Literal[] {
    expect('(', `expected '(' after '${opText}'`);
    const values: Literal[] = [];
    if (isOp(peek(), ')')) fail(`expected a value after '${opText} ('`);
    for (;;) {
      values.push(parseLiteral(values.length === 0 ? `${opText} (` : ','));
      if (values.length > MAX_IN_VALUES) fail(`too many values (at most ${MAX_IN_VALUES})`);
      if (isOp(peek(), ',')) {
        pos++;
        continue;
      }
      expect(')', `expected ',' or ')' in the list of '${opText}'`);
      return values;
    }
  }

  function parsePredicate(path: Path): Expr {
    const t = peek();
    const text = t.kind === 'ident' || t.kind === 'op' ? t.text : '';
    const negated = text.startsWith('!') && text.length > 2 && text !== '!=' && text !== '!~';
    const name = negated ? text.slice(1) : text;
    if (t.kind === 'op' && SYMBOL_OPS.has(text)) {
      pos++;
      const value = parseLiteral(text);
      if ((text === '<' || text === '<=' || text === '>' || text === '>=') && value.type !== 'number' && value.type !== 'datetime')
        throw new WhereError(`'${text}' compares numbers or datetimes`, t.start, t.end);
      return { kind: 'compare', op: text as StringOp | OrderOp, negate: false, path, value };
    }
    if ((t.kind === 'ident' && !negated) || (t.kind === 'op' && negated)) {
      if (STRING_OPS.has(name)) {
        pos++;
        const value = parseLiteral(text);
        if (value.type !== 'string') throw new WhereError(`'${text}' needs a quoted string`, t.start, t.end);
        return { kind: 'compare', op: name as StringOp, negate: negated, path, value };
      }
      if (name === 'in' || name === 'in~') {
        pos++;
        return { kind: 'in', path, values: parseList(text), negate: negated, caseless: name === 'in~' };
      }
      if (name === 'between') {
        pos++;
        expect('(', "expected '(' after 'between'");
        const low = parseLiteral('between (');
        expect('..', "expected '..' between the two bounds");
        const high = parseLiteral('..');
        expect(')', "expected ')' to close 'between ('");
        for (const v of [low, high])
          if (v.type !== 'number' && v.type !== 'datetime') throw new WhereError("'between' takes numbers or datetimes", t.start, t.end);
        if (low.type !== high.type) throw new WhereError("the bounds of 'between' must both be numbers or both datetimes", t.start, t.end);
        return { kind: 'between', path, low, high, negate: negated };
      }
    }
    const next = peek();
    if (next.kind === 'end' || isOp(next, ')') || isWord(next, 'and') || isWord(next, 'or')) return { kind: 'truthy', path };
    return fail(`expected an operator after '${path.text}' (==, !=, =~, has, contains, startswith, in, between, <, ...)`);
  }

  if (tokens.length === 1) throw new WhereError('the expression is empty', 0, 0);
  const expr = parseOr();
  const rest = peek();
  if (rest.kind !== 'end') fail(isOp(rest, ')') ? "unexpected ')'" : "expected 'and', 'or' or the end");
  return expr;
}
