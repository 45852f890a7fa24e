import type { WhereRow } from './ast';
import { compileWhere, requiredTexts, type RecordPredicate } from './compile';
import { WhereError } from './lexer';
import { parseWhere } from './parser';

export { MAX_WHERE_LENGTH } from './parser';

/** Why an expression is not one: the range to underline (`start` inclusive, `end` exclusive) and the reason. */
export interface WhereProblem {
  readonly start: number;
  readonly end: number;
  readonly message: string;
}

/** A compiled where-filter. */
export interface WhereFilter {
  readonly source: string;
  matches(record: WhereRow): boolean;
  /** Lower-case texts every matching record's JSON contains (a check before parsing; may be empty). */
  readonly required: readonly string[];
}

export type WhereResult = { readonly ok: true; readonly filter: WhereFilter } | { readonly ok: false; readonly problem: WhereProblem };

/** Parses and compiles a where expression (KQL-style), or says why it cannot. Never throws. */
export function compileWhereFilter(source: string): WhereResult {
  try {
    const expr = parseWhere(source);
    const matches: RecordPredicate = compileWhere(expr);
    return { ok: true, filter: { source, matches, required: requiredTexts(expr) } };
  } catch (e) {
    if (e instanceof WhereError) return { ok: false, problem: { start: e.start, end: e.end, message: e.message } };
    return {
      ok: false,
      problem: { start: 0, end: source.length, message: e instanceof RangeError ? 'the expression is too complex' : String(e) },
    };
  }
}

/** `compileWhereFilter` for callers that want an exception: the message names the column. */
export function whereFilterOrThrow(source: string): WhereFilter {
  const result = compileWhereFilter(source);
  if (result.ok) return result.filter;
  throw new Error(`Invalid where expression at column ${result.problem.start + 1}: ${result.problem.message}`);
}

/** A problem for a terminal: the reason, then the expression with a caret line under the range. */
export function whereProblemText(source: string, problem: WhereProblem): string {
  const shown = source.length > 200 ? source.slice(0, 200) : source;
  if (problem.start > shown.length || /[\r\n]/.test(shown)) return `${problem.message} (at column ${problem.start + 1}).`;
  const width = Math.max(1, Math.min(problem.end, shown.length + 1) - problem.start);
  return `${problem.message} (at column ${problem.start + 1}):\n  ${shown}\n  ${' '.repeat(problem.start)}${'^'.repeat(width)}`;
}
