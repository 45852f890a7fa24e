import type { Severity } from './types';

export interface CodeInfo {
  readonly code: string;
  /** Kebab-case name, stable like the code. */
  readonly name: string;
  readonly severity: Severity;
  /** One line for the documentation. */
  readonly summary: string;
}

function code(c: string, name: string, severity: Severity, summary: string): CodeInfo {
  return { code: c, name, severity, summary };
}

/**
 * Every finding code. Codes are stable: never renumber or reuse one (docs/validation-codes.md lists
 * them, quick fixes and CI scripts key on them).
 */
export const CODES = {
  invalidJson: code('DSE001', 'invalid-json', 'error', 'The text is not valid JSON (position of the parser error).'),
  emptyDocument: code('DSE002', 'empty-document', 'info', 'The document holds no JSON at all.'),
  notAnObject: code('DSE003', 'not-an-object', 'error', 'The JSON value is neither an object nor an array (a number, a string, null...).'),
  invalidEnvelope: code('DSE004', 'invalid-envelope', 'error', '`records` is not an array, or is spelt with the wrong letter case.'),
  recordNotObject: code('DSE005', 'record-not-object', 'error', 'An element of `records` (or of a top-level array) is not an object.'),
  messageTooLarge: code(
    'DSE006',
    'message-too-large',
    'warning',
    'The message (or NDJSON line) is over 1 MB, the Event Hubs limit on the Standard tier.',
  ),
  notWrapped: code(
    'DSE007',
    'not-wrapped',
    'info',
    'A bare record or array of records: an Event Hubs message wraps them in {"records": [...]} (quick fix).',
  ),
  tooDeep: code(
    'DSE008',
    'too-deep',
    'error',
    'Objects and arrays nest deeper than any real message (66 levels); the rest of the document or NDJSON line is not checked.',
  ),
  missingField: code('DSE010', 'missing-field', 'error', 'A record lacks `time`, `tenantId`, `category` or `properties`.'),
  invalidTime: code('DSE011', 'invalid-time', 'error', '`time` is not a string that parses as ISO 8601.'),
  timeNotUtc: code('DSE012', 'time-not-utc', 'warning', '`time` parses as ISO 8601 but is not UTC (no `Z` or a non-zero offset).'),
  invalidTenantId: code('DSE013', 'invalid-tenant-id', 'error', '`tenantId` is not a GUID.'),
  invalidCategory: code(
    'DSE014',
    'invalid-category',
    'error',
    '`category` is not a string or lacks the `AdvancedHunting-` prefix (quick fix when the table is known).',
  ),
  categoryCase: code('DSE015', 'category-case', 'error', '`category` has the wrong letter case (quick fix).'),
  unknownTable: code(
    'DSE016',
    'unknown-table',
    'info',
    'The table is not in the catalog of Advanced Hunting tables (nor in the tenant schema); its properties are not checked.',
  ),
  propertiesNotObject: code('DSE017', 'properties-not-object', 'error', '`properties` is not an object.'),
  huntingOnlyTable: code(
    'DSE018',
    'hunting-only-table',
    'info',
    'An Advanced Hunting table that Microsoft does not list as streamed and real streams are not known to carry; its properties are checked.',
  ),
  unknownColumn: code(
    'DSE020',
    'unknown-column',
    'info',
    'A property that is not a column of the table in the schema checked against (with a suggestion for near misses).',
  ),
  observedColumn: code('DSE021', 'observed-column', 'info', 'An undocumented column that real streamed records are known to carry.'),
  invalidValue: code('DSE022', 'invalid-value', 'error', "A value that cannot be read as its column's type at all."),
  outOfRange: code('DSE023', 'out-of-range', 'error', 'An integer beyond the range of its column (`int` is 32-bit, `long` 64-bit).'),
  invalidDatetime: code('DSE024', 'invalid-datetime', 'error', 'A `datetime` column whose value does not parse as ISO 8601.'),
  valueAsString: code('DSE025', 'value-as-string', 'warning', 'A number or boolean given as a string (`"4242"`, `"true"`).'),
  notAString: code('DSE026', 'not-a-string', 'warning', 'A number, boolean, object or array in a plain `string` column.'),
  tooManyFindings: code('DSE099', 'too-many-findings', 'info', 'Findings beyond the limit were left out.'),
} as const satisfies Record<string, CodeInfo>;

export const ALL_CODES: readonly CodeInfo[] = Object.values(CODES);
