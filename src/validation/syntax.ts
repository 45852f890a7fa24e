// The ESM build: esbuild cannot bundle the UMD build's dynamic require('./impl/...').
import { parseTree, printParseErrorCode, type ParseError } from 'jsonc-parser/lib/esm/main.js';
import { CODES } from './codes';
import { rangeOf, type OffsetMapper } from './positions';
import type { Finding } from './types';

const EXPLANATIONS: Record<string, string> = {
  InvalidSymbol: 'not a JSON value (JSON has no NaN, undefined, single quotes or unquoted words)',
  InvalidNumberFormat: 'invalid number',
  PropertyNameExpected: 'a property name in double quotes is expected (JSON allows no trailing comma)',
  ValueExpected: 'a value is expected (JSON allows no trailing comma)',
  ColonExpected: 'a colon is expected after the property name',
  CommaExpected: 'a comma is expected',
  CloseBraceExpected: 'a closing brace "}" is expected',
  CloseBracketExpected: 'a closing bracket "]" is expected',
  EndOfFileExpected: 'unexpected text after the JSON value (one message per line is the NDJSON form)',
  InvalidCommentToken: 'comments are not allowed in JSON',
  UnexpectedEndOfComment: 'comments are not allowed in JSON',
  UnexpectedEndOfString: 'unterminated string',
  UnexpectedEndOfNumber: 'incomplete number',
  InvalidUnicode: 'invalid \\u escape',
  InvalidEscapeCharacter: 'invalid escape in a string',
  InvalidCharacter: 'a control character in a string must be escaped (\\t, \\n, \\u0000...)',
};

/** The first syntax error of `text` (which JSON.parse rejected), at the parser's position. */
export function syntaxError(text: string, map: OffsetMapper, out: Finding[]): void {
  const errors: ParseError[] = [];
  parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  let offset = 0;
  let length = 1;
  let explanation = 'not valid JSON';
  const first = errors[0];
  if (first) {
    offset = first.offset;
    length = first.length;
    explanation = EXPLANATIONS[printParseErrorCode(first.error)] ?? explanation;
  } else {
    // jsonc-parser is more lenient than JSON.parse in rare cases (e.g. unpaired surrogates are fine for both):
    // take JSON.parse's own position.
    try {
      JSON.parse(text);
      return;
    } catch (error) {
      const at = /position (\d+)/.exec(error instanceof Error ? error.message : '');
      if (at) offset = Number(at[1]);
    }
  }
  offset = Math.min(offset, text.length);
  length = Math.max(0, Math.min(length, text.length - offset));
  // An unterminated string runs up to the line break: the range ends before it (a CR of CRLF included).
  for (let i = offset; i < offset + length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      length = i - offset;
      break;
    }
  }
  out.push({
    range: rangeOf(map, offset, length),
    severity: CODES.invalidJson.severity,
    code: CODES.invalidJson.code,
    message: `Invalid JSON: ${explanation}.`,
  });
}
