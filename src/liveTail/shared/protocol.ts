/**
 * The typed messages between the Live Tail panel (extension side) and its page (webview side).
 * Imported by both sides: no `vscode`, no DOM. Messages from the page are checked with
 * `parsePageMessage` before use (a page is a browser context: treat what it sends as input).
 */

/** One row of the tail as the page shows it. Every string is untrusted record data: render with textContent. */
export interface WireEntry {
  /** Monotonic id within the session. */
  readonly id: number;
  readonly kind: 'record' | 'malformed';
  /** Record `time` (or the enqueued time when the record has none / for malformed messages), ISO 8601. */
  readonly time: string;
  /** Advanced Hunting table ("" for malformed messages and records without a category). */
  readonly table: string;
  /** Whether the catalog knows the table. */
  readonly known: boolean;
  /** The table is one of those counted together as "other tables" (`WireStats.other`). */
  readonly other?: boolean;
  /** One line: per-table summary, or the reason of a malformed message. */
  readonly summary: string;
  readonly partition: string;
  readonly seq: number;
  /** Record: the record's compact JSON. Malformed: the printable raw preview. */
  readonly json: string;
  /** Malformed only: the machine-readable reason (e.g. "not-json"). */
  readonly reason?: string;
}

export interface WireTableCount {
  readonly table: string;
  readonly known: boolean;
  readonly records: number;
  readonly rate: number;
}

export interface WireStats {
  readonly receivedRecords: number;
  readonly receivedEvents: number;
  readonly malformed: number;
  readonly dropped: number;
  /** Records per second. */
  readonly rate: number;
  readonly tables: readonly WireTableCount[];
  /** Records of the tables the tail counts together rather than one by one (absent when none). */
  readonly other?: { readonly records: number; readonly rate: number };
}

export type WireConnection =
  | { readonly kind: 'connecting' }
  | { readonly kind: 'live' }
  | { readonly kind: 'reconnecting'; readonly lastError: string }
  | { readonly kind: 'failed'; readonly error: string }
  | { readonly kind: 'stopped' };

export interface FilterSpec {
  /** Tables to show; empty (and no `other`) shows every table. */
  readonly tables: readonly string[];
  /** Also show the records of the "other tables" (those counted together). */
  readonly other?: boolean;
  /** Case-insensitive substring of the record JSON (or of a malformed row's reason and preview). */
  readonly text: string;
  /** A KQL-style where expression (`src/core/filter/where/`), checked before it is applied; absent or empty: none. Hides malformed rows. */
  readonly where?: string;
}

export type ExportFormat = 'ndjson' | 'eventHubsBody' | 'csv';

// ---- extension → page ----------------------------------------------------------------------

export interface InitMessage {
  readonly type: 'init';
  /** Which hub the panel tails (kept in the page state so a reload reopens it). No secret. */
  readonly hub: { readonly configId: string; readonly hubName: string };
  /** "Contoso SOC / my-hub" */
  readonly hubLabel: string;
  /** For people: "latest", "earliest", "since 2026-11-25T10:00:00Z", ... */
  readonly startPosition: string;
  /** How many entries the page keeps (the tail buffer size). */
  readonly capacity: number;
  /** Most characters of entries the page keeps (the tail's byte budget); absent: no such limit. */
  readonly capacityBytes?: number;
  /** The tables the filter lists from the start (those that reach Event Hubs), in catalog order. */
  readonly knownTables: readonly string[];
  /** Per catalog table that is not a streamed (GA) one, its status for people ("seen in real streams", "Advanced Hunting only"). */
  readonly tableNotes?: Readonly<Record<string, string>>;
  readonly paused: boolean;
  /** Per catalog table, its column names (the where box completes them). */
  readonly tableColumns?: Readonly<Record<string, readonly string[]>>;
}

/** In a list of chosen columns: the one-line summary (the default when nothing is chosen). Not a Kusto name. */
export const SUMMARY_COLUMN = '$summary';

/** The columns chosen for this hub's tables (sent after `init` and after each change). Absent table: the summary. */
export interface ColumnsMessage {
  readonly type: 'columns';
  readonly chosen: Readonly<Record<string, readonly string[]>>;
}

export interface BatchMessage {
  readonly type: 'batch';
  /** true: drop what the page holds before adding `entries` (replay snapshot, clear, overflow). */
  readonly reset: boolean;
  readonly entries: readonly WireEntry[];
  /**
   * Entries passed over since the page's last reset: they arrived faster than the page is sent (while
   * following) and are in the session's buffer (Pause shows it). Absent: 0.
   */
  readonly skipped?: number;
  readonly stats: WireStats;
  readonly connection: WireConnection;
  readonly paused: boolean;
}

export interface NoticeMessage {
  readonly type: 'notice';
  readonly level: 'info' | 'error';
  readonly text: string;
}

/** A column the schema lacks (or, for a table no schema knows, any column seen). Strings are untrusted. */
export interface WireSchemaColumn {
  readonly name: string;
  /** Records (of those learned) that carried it. */
  readonly count: number;
  /** JSON types with counts, e.g. "string 12, object 3". */
  readonly types: string;
  /** One value as short JSON text ("" when only nulls were seen). */
  readonly sample: string;
}

/** Values whose JSON type the column's Kusto type does not accept. */
export interface WireSchemaConflict {
  readonly name: string;
  readonly expected: string;
  /** e.g. "string, number beyond 32 bits" */
  readonly seen: string;
  readonly count: number;
  readonly sample: string;
}

/** One table of the Schema view. */
export interface WireSchemaTable {
  readonly table: string;
  /** Which schema its columns come from; `unknown`: no schema knows the table. */
  readonly origin: 'tenant' | 'catalog' | 'unknown';
  /** Records received, and how many of them were learned (a tail learns from a sample). */
  readonly received: number;
  readonly learned: number;
  /** Columns the schema lacks; for an unknown table, every column seen. */
  readonly unknownColumns: readonly WireSchemaColumn[];
  readonly unseenColumns: ReadonlyArray<{ readonly name: string; readonly type: string }>;
  readonly conflicts: readonly WireSchemaConflict[];
  /** List items left out to keep the message small. */
  readonly omitted: number;
}

/** The Schema view's content: sent while the view is open, at most every second or two. */
export interface SchemaMessage {
  readonly type: 'schema';
  /** What the records are checked against, in words. */
  readonly schema: string;
  /** How the tail learns, in words (e.g. "at most 20 records per table per second"). */
  readonly sampling: string;
  readonly tables: readonly WireSchemaTable[];
  /** Tables left out to keep the message small, and further notes in words. */
  readonly omittedTables: number;
  readonly notes: readonly string[];
}

export type HostToPage = InitMessage | BatchMessage | NoticeMessage | SchemaMessage | ColumnsMessage;

// ---- page → extension ----------------------------------------------------------------------

export type PageToHost =
  | { readonly type: 'ready' }
  | { readonly type: 'pause' }
  | { readonly type: 'resume' }
  | { readonly type: 'clear' }
  | { readonly type: 'retry' }
  | { readonly type: 'filter'; readonly filter: FilterSpec }
  | { readonly type: 'copy'; readonly text: string }
  | { readonly type: 'openJson'; readonly text: string }
  | { readonly type: 'validate'; readonly text: string }
  | { readonly type: 'insertGetschema'; readonly tables: readonly string[] }
  | { readonly type: 'export'; readonly format: ExportFormat }
  /** The Schema view was opened or closed (the host sends `schema` messages only while it is open). */
  | { readonly type: 'schemaView'; readonly open: boolean }
  /** "Open as Markdown": the Report Schema Drift command for this tail. */
  | { readonly type: 'reportDrift' }
  /** "Columns…": choose the columns shown for `table` (absent: the host asks which table). */
  | { readonly type: 'chooseColumns'; readonly table?: string };

/** Every message of the Live Tail protocol, both directions. */

/** What the page keeps with `setState` (filters, scroll; which hub to reopen). Never a secret. */
export interface PersistedPageState {
  readonly configId?: string;
  readonly hubName?: string;
  readonly filter?: FilterSpec;
  readonly scrollTop?: number;
  readonly follow?: boolean;
  readonly selectedId?: number;
  /** The Schema view was showing. */
  readonly schemaOpen?: boolean;
}

/** Largest text a page message may carry (a record JSON pretty-printed stays far below). */
export const MAX_PAGE_TEXT = 16 * 1024 * 1024;
const MAX_FILTER_TABLES = 1000;
const MAX_FILTER_TEXT = 1000;
/** The where-filter's own bound (`MAX_WHERE_LENGTH`; shared/ imports nothing else). */
const MAX_FILTER_WHERE = 4000;

const isString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isStringArray = (v: unknown, maxItems: number): v is string[] =>
  Array.isArray(v) && v.length <= maxItems && v.every((s) => isString(s, 200));

export function isFilterSpec(v: unknown): v is FilterSpec {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return (
    isStringArray(f.tables, MAX_FILTER_TABLES) &&
    isString(f.text, MAX_FILTER_TEXT) &&
    (f.other === undefined || typeof f.other === 'boolean') &&
    (f.where === undefined || isString(f.where, MAX_FILTER_WHERE))
  );
}

/** A copy of a checked filter with nothing but its fields (`other` only when set). */
export function copyFilter(f: FilterSpec): FilterSpec {
  return { tables: [...f.tables], text: f.text, ...(f.other === true ? { other: true } : {}), ...(f.where ? { where: f.where } : {}) };
}

/** Checks a message received from the page; anything unexpected gives `undefined`. */
export function parsePageMessage(value: unknown): PageToHost | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const m = value as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
    case 'pause':
    case 'resume':
    case 'clear':
    case 'retry':
      return { type: m.type };
    case 'filter':
      return isFilterSpec(m.filter) ? { type: 'filter', filter: copyFilter(m.filter) } : undefined;
    case 'copy':
    case 'openJson':
    case 'validate':
      return isString(m.text, MAX_PAGE_TEXT) ? { type: m.type, text: m.text } : undefined;
    case 'insertGetschema':
      return isStringArray(m.tables, MAX_FILTER_TABLES) ? { type: 'insertGetschema', tables: [...m.tables] } : undefined;
    case 'export':
      return m.format === 'ndjson' || m.format === 'eventHubsBody' || m.format === 'csv' ? { type: 'export', format: m.format } : undefined;
    case 'schemaView':
      return typeof m.open === 'boolean' ? { type: 'schemaView', open: m.open } : undefined;
    case 'reportDrift':
      return { type: 'reportDrift' };
    case 'chooseColumns':
      if (m.table === undefined) return { type: 'chooseColumns' };
      return isString(m.table, 200) && m.table !== '' ? { type: 'chooseColumns', table: m.table } : undefined;
    default:
      return undefined;
  }
}

/** Reads a persisted page state defensively (it comes back from VS Code after a reload). */
export function parsePersistedState(value: unknown): PersistedPageState {
  if (typeof value !== 'object' || value === null) return {};
  const s = value as Record<string, unknown>;
  return {
    ...(isString(s.configId, 500) ? { configId: s.configId } : {}),
    ...(isString(s.hubName, 500) ? { hubName: s.hubName } : {}),
    ...(isFilterSpec(s.filter) ? { filter: copyFilter(s.filter) } : {}),
    ...(typeof s.scrollTop === 'number' && Number.isFinite(s.scrollTop) && s.scrollTop >= 0 ? { scrollTop: s.scrollTop } : {}),
    ...(typeof s.follow === 'boolean' ? { follow: s.follow } : {}),
    ...(typeof s.selectedId === 'number' && Number.isInteger(s.selectedId) ? { selectedId: s.selectedId } : {}),
    ...(s.schemaOpen === true ? { schemaOpen: true } : {}),
  };
}
