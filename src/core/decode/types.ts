/** A streamed Defender record: the envelope Defender writes around one Advanced Hunting row. */
export interface DefenderRecord {
  time?: unknown;
  tenantId?: unknown;
  category?: unknown;
  properties?: unknown;
  [field: string]: unknown;
}

export interface DecodedRecord {
  /** The table named by the category (`AdvancedHunting-<Table>`), or the raw category when it has no prefix; "" when absent. */
  readonly table: string;
  /** Whether the catalog holds the table (any of its Advanced Hunting tables). */
  readonly known: boolean;
  readonly record: DefenderRecord;
  /** This record's share of the message body in bytes (body bytes divided evenly over its records). */
  readonly bytes: number;
}

export type MalformedReason =
  | 'empty' // no body at all
  | 'not-json' // body does not parse as JSON (includes binary and truncated JSON)
  | 'not-object' // JSON that is neither an object nor an array (a number, a string, null)
  | 'no-records' // an object without a `records` array that is not a bare record either
  | 'records-not-array' // `records` is present but not an array
  | 'record-not-object' // an element of `records` (or of a bare array) is not an object
  | 'too-deep'; // nesting beyond what can be handled safely

export interface Malformed {
  readonly reason: MalformedReason;
  /** One sentence for people. */
  readonly message: string;
  /** The start of the raw body, as printable text (control characters escaped), at most 200 characters. */
  readonly preview: string;
  readonly bytes: number;
}

/** The records inside one Event Hubs message, and what in it could not be read. Never throws. */
export interface DecodeResult {
  readonly records: DecodedRecord[];
  readonly malformed: Malformed[];
  /** Size of the body in bytes (UTF-8). */
  readonly bytes: number;
  /** The body was one record by itself (not in `records` or an array), as a Storage export line is: its text is the record's. */
  readonly bareRecord?: true;
}
