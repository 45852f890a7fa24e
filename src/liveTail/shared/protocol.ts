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
}

export type ExportFormat = 'ndjson' | 'eventHubsBody';

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
  /** The documented streaming tables, in catalog order. */
  readonly knownTables: readonly string[];
  readonly paused: boolean;
}

export interface BatchMessage {
  readonly type: 'batch';
  /** true: drop what the page holds before adding `entries` (replay snapshot, clear, overflow). */
  readonly reset: boolean;
  readonly entries: readonly WireEntry[];
  readonly stats: WireStats;
  readonly connection: WireConnection;
  readonly paused: boolean;
}

export interface NoticeMessage {
  readonly type: 'notice';
  readonly level: 'info' | 'error';
  readonly text: string;
}

export type HostToPage = InitMessage | BatchMessage | NoticeMessage;

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
  | { readonly type: 'export'; readonly format: ExportFormat };

/** Every message of the Live Tail protocol, both directions. */

/** What the page keeps with `setState` (filters, scroll; which hub to reopen). Never a secret. */
export interface PersistedPageState {
  readonly configId?: string;
  readonly hubName?: string;
  readonly filter?: FilterSpec;
  readonly scrollTop?: number;
  readonly follow?: boolean;
  readonly selectedId?: number;
}

/** Largest text a page message may carry (a record JSON pretty-printed stays far below). */
export const MAX_PAGE_TEXT = 16 * 1024 * 1024;
const MAX_FILTER_TABLES = 1000;
const MAX_FILTER_TEXT = 1000;

const isString = (v: unknown, max: number): v is string => typeof v === 'string' && v.length <= max;
const isStringArray = (v: unknown, maxItems: number): v is string[] =>
  Array.isArray(v) && v.length <= maxItems && v.every((s) => isString(s, 200));

export function isFilterSpec(v: unknown): v is FilterSpec {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return (
    isStringArray(f.tables, MAX_FILTER_TABLES) &&
    isString(f.text, MAX_FILTER_TEXT) &&
    (f.other === undefined || typeof f.other === 'boolean')
  );
}

/** A copy of a checked filter with nothing but its fields (`other` only when set). */
export function copyFilter(f: FilterSpec): FilterSpec {
  return { tables: [...f.tables], text: f.text, ...(f.other === true ? { other: true } : {}) };
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
      return m.format === 'ndjson' || m.format === 'eventHubsBody' ? { type: 'export', format: m.format } : undefined;
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
  };
}
