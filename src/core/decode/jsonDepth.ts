import { MAX_RECORD_DEPTH } from './decodeMessage';

/**
 * Objects and arrays may nest this deep in one validated unit (a document or an NDJSON line): a message
 * `{"records": [...]}` around a record as deep as the Live Tail accepts. Deeper input gets one finding
 * and no further checks, which also keeps the recursive position parser (jsonc-parser) far from the
 * end of the stack.
 */
export const MAX_NESTING_DEPTH = MAX_RECORD_DEPTH + 2;

const QUOTE = 34;
const BACKSLASH = 92;
const SLASH = 47;
const STAR = 42;
const LF = 10;
const CR = 13;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;

/**
 * The offset of the first `{` or `[` in `text` that opens nesting level `limit + 1`, or -1. One linear
 * pass that never recurses, also over invalid JSON. It reads strings and comments the way jsonc-parser's
 * scanner does, and a closing bracket only closes an opening one of its own kind (jsonc-parser skips
 * the others), so the parser never nests deeper than this count: when this answers -1, parsing
 * `text` with jsonc-parser recurses at most `limit` levels.
 */
export function tooDeepAt(text: string, limit: number): number {
  // kinds[d] is the opening bracket at depth d + 1; only the first `limit` levels are ever stored.
  const kinds = new Uint8Array(limit + 1);
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      // A string ends at its closing quote or, unterminated, at a line break; an escape takes the next character whatever it is.
      for (i++; i < n; i++) {
        const s = text.charCodeAt(i);
        if (s === QUOTE || s === LF || s === CR) break;
        if (s === BACKSLASH) i++;
      }
    } else if (c === SLASH) {
      const next = text.charCodeAt(i + 1);
      if (next === SLASH) {
        for (i += 2; i < n && text.charCodeAt(i) !== LF && text.charCodeAt(i) !== CR; i++);
      } else if (next === STAR) {
        const end = text.indexOf('*/', i + 2);
        i = end < 0 ? n : end + 1;
      }
    } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      if (depth === limit) return i;
      kinds[depth++] = c;
    } else if (
      depth > 0 &&
      ((c === CLOSE_BRACE && kinds[depth - 1] === OPEN_BRACE) || (c === CLOSE_BRACKET && kinds[depth - 1] === OPEN_BRACKET))
    ) {
      depth--;
    }
  }
  return -1;
}
