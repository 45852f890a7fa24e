import type { SchemaLookup } from '../core/catalog/schemaLookup';
/** A position in a document: 0-based line and character (UTF-16 code units), like VS Code. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

export type Severity = 'error' | 'warning' | 'info';

/** A certain fix: replace `range` with `newText`. */
export interface FindingFix {
  readonly range: Range;
  readonly newText: string;
  readonly title: string;
}

/** One thing in a sample that would not look like a real streamed Defender message. */
export interface Finding {
  readonly range: Range;
  readonly severity: Severity;
  /** Stable code (`DSE001`...), documented in docs/validation-codes.md. */
  readonly code: string;
  readonly message: string;
  readonly fix?: FindingFix;
}

export interface ValidateOptions {
  /** Used to recognise NDJSON by extension (`.ndjson`, `.jsonl`); the content decides otherwise. */
  readonly fileName?: string;
  /** Stop after this many findings and add one `DSE099` info finding saying how many were left out. */
  readonly maxFindings?: number;
  /** The schema rows are checked against: a tenant schema over the catalog (default: the catalog alone). */
  readonly schema?: SchemaLookup;
}

/** A JSON path: property names and array indexes from the root of one JSON value. */
export type JsonPath = ReadonlyArray<string | number>;

/** Where on the node at `path` a finding points: its value, its property key, or its first character. */
export type Anchor = 'value' | 'key' | 'start';

/** A fix before positions are known. */
export type RawFix =
  { readonly kind: 'replace'; readonly newText: string; readonly title: string } | { readonly kind: 'wrap'; readonly title: string };

/** A finding located by JSON path (fast path: computed from JSON.parse output, no position tree). */
export interface RawFinding {
  readonly path: JsonPath;
  readonly anchor: Anchor;
  readonly severity: Severity;
  readonly code: string;
  readonly message: string;
  readonly fix?: RawFix;
}
