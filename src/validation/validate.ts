import { CATALOG_LOOKUP, type SchemaLookup } from '../core/catalog/schemaLookup';
import { MAX_RECORD_DEPTH } from '../core/decode/decodeMessage';
import { checkDocument } from './checkDocument';
import { CODES } from './codes';
import { MAX_NESTING_DEPTH, tooDeepAt } from '../core/decode/jsonDepth';
import { locate } from './locate';
import { LineIndex, rangeOf, utf8Length, type OffsetMapper } from './positions';
import { syntaxError } from './syntax';
import type { Finding, RawFinding, ValidateOptions } from './types';

export type { Finding, FindingFix, Position, Range, Severity, ValidateOptions } from './types';

/** Event Hubs' limit for one event on the Standard tier. */
export const MAX_MESSAGE_BYTES = 1024 * 1024;
const NDJSON_NAME = /\.(?:ndjson|jsonl)$/i;

function sizeFinding(bytes: number): RawFinding {
  const info = CODES.messageTooLarge;
  const mb = (bytes / MAX_MESSAGE_BYTES).toFixed(2);
  return {
    path: [],
    anchor: 'start',
    severity: info.severity,
    code: info.code,
    message: `${mb} MB: over the 1 MB that one Event Hubs message can hold (Standard tier).`,
  };
}

function tooLarge(text: string): number | undefined {
  // A UTF-16 code unit is at most 3 UTF-8 bytes: short texts need no counting.
  if (text.length * 3 <= MAX_MESSAGE_BYTES) return undefined;
  const bytes = utf8Length(text);
  return bytes > MAX_MESSAGE_BYTES ? bytes : undefined;
}

/** Validates one unit (the whole document, or one NDJSON line) that JSON.parse accepted. */
function validateValue(text: string, value: unknown, standalone: boolean, map: OffsetMapper, out: Finding[], schema: SchemaLookup): void {
  const raws: RawFinding[] = [];
  const bytes = tooLarge(text);
  if (bytes !== undefined) raws.push(sizeFinding(bytes));
  checkDocument(value, standalone, raws, schema);
  if (raws.length > 0) locate(text, raws, map, out);
}

/**
 * Validates one unit (the whole document, or one NDJSON line), parsed or not. A unit nested deeper than
 * any real message gets one finding at the bracket that goes too deep and no other check: the position
 * parser recurses, and nothing deeper is worth reading.
 */
function validateUnit(
  text: string,
  parsed: boolean,
  value: unknown,
  standalone: boolean,
  map: OffsetMapper,
  out: Finding[],
  schema: SchemaLookup,
): void {
  const deep = tooDeepAt(text, MAX_NESTING_DEPTH);
  if (deep >= 0) {
    const info = CODES.tooDeep;
    const unit = standalone ? 'document' : 'line';
    const message = `Nested more than ${MAX_NESTING_DEPTH} levels deep: real records are a few levels deep, and the Live Tail refuses records nested more than ${MAX_RECORD_DEPTH} levels. The rest of this ${unit} is not checked.`;
    out.push({ range: rangeOf(map, deep, 1), severity: info.severity, code: info.code, message });
  } else if (parsed) validateValue(text, value, standalone, map, out, schema);
  else syntaxError(text, map, out);
}

function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** Splits into lines with VS Code's line breaks; `\r\n` and `\n` take the fast path. */
function splitLines(text: string): string[] {
  if (!text.includes('\r')) return text.split('\n');
  return /\r(?!\n)/.test(text) ? text.split(/\r\n|\r|\n/) : text.split('\r\n').flatMap((l) => l.split('\n'));
}

/** Not one JSON value, but several lines that each look like one: `{...}` or `[...]`. */
function looksLikeNdjson(text: string): boolean {
  let seen = 0;
  let shaped = 0;
  for (const line of splitLines(text)) {
    const t = line.trim();
    if (t === '') continue;
    seen++;
    const open = t.charCodeAt(0);
    const close = t.charCodeAt(t.length - 1);
    if ((open === 123 && close === 125) || (open === 91 && close === 93)) shaped++;
    if (seen >= 200) break;
  }
  return seen >= 2 && shaped * 2 >= seen;
}

/** Validates each line on its own; returns the 0-based line where it stopped early (too many findings), if it did. */
function validateLines(text: string, out: Finding[], maxFindings: number, schema: SchemaLookup): number | undefined {
  const lines = splitLines(text);
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n];
    if (isBlank(line)) continue;
    const map: OffsetMapper = (offset) => ({ line: n, character: offset });
    let value: unknown;
    let parsed = true;
    try {
      value = JSON.parse(line);
    } catch {
      parsed = false;
    }
    validateUnit(line, parsed, value, false, map, out, schema);
    if (out.length >= maxFindings && n < lines.length - 1) return n;
  }
  return undefined;
}

function comparePositions(a: Finding, b: Finding): number {
  return a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/**
 * Validates sample JSON against the Defender streaming schema: an Event Hubs message body
 * `{"records": [...]}`, a single record, an array of records, or NDJSON (one record or message per
 * line), with every table looked up in `options.schema` (a tenant schema over the catalog; default the
 * catalog). Returns findings in document order, with 0-based positions like VS Code. Never throws.
 *
 * Fast path: JSON.parse and value checks; positions (jsonc-parser) only for units that have findings.
 */
export function validate(text: string, options: ValidateOptions = {}): Finding[] {
  const maxFindings = options.maxFindings ?? Number.POSITIVE_INFINITY;
  const schema = options.schema ?? CATALOG_LOOKUP;
  // A byte order mark is whitespace to us, and keeps every offset where it is.
  const source = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const out: Finding[] = [];
  if (isBlank(source)) {
    const info = CODES.emptyDocument;
    return [
      {
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        severity: info.severity,
        code: info.code,
        message: 'The document is empty: nothing to validate.',
      },
    ];
  }
  let stoppedAt: number | undefined;
  let value: unknown;
  let parsed = false;
  const ndjsonName = options.fileName !== undefined && NDJSON_NAME.test(options.fileName);
  if (!ndjsonName) {
    try {
      value = JSON.parse(source);
      parsed = true;
    } catch {
      parsed = false;
    }
  }
  if (ndjsonName || (!parsed && looksLikeNdjson(source))) {
    stoppedAt = validateLines(source, out, maxFindings, schema);
  } else {
    const index = new LineIndex(source);
    const map: OffsetMapper = (offset) => index.positionAt(offset);
    validateUnit(source, parsed, value, true, map, out, schema);
  }
  out.sort(comparePositions);
  if (out.length > maxFindings || stoppedAt !== undefined) {
    const left = out.length - maxFindings;
    if (left > 0) out.length = maxFindings;
    const info = CODES.tooManyFindings;
    const where = out[out.length - 1].range;
    const message =
      stoppedAt !== undefined
        ? `Validation stopped after ${out.length} findings at line ${stoppedAt + 1}; fix these and validate again.`
        : `${left} more findings were left out.`;
    out.push({ range: where, severity: info.severity, code: info.code, message });
  }
  return out;
}
