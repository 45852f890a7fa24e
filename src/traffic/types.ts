/** One streamed record as Defender writes it into an Event Hubs message. */
export interface GeneratedRecord {
  time: string;
  tenantId: string;
  operationName: 'Publish';
  category: string;
  _TimeReceivedBySvc?: string;
  properties: Record<string, unknown>;
  Tenant: 'DefaultTenant';
}

export interface GeneratorOptions {
  /** Same seed, same records. Default 1. */
  readonly seed?: number | string;
  /** Tables to generate (exact catalog names); default the 30 that reach Event Hubs (streamed or seen in streams). */
  readonly tables?: readonly string[];
  /** Relative weights per table (default: a realistic mix dominated by Device* tables). */
  readonly weights?: Readonly<Record<string, number>>;
  /** Most records per message (each message gets 1..this many, all of one table). Default 8. */
  readonly recordsPerMessage?: number;
  /** Tenant GUID of the records (default: derived from the seed). */
  readonly tenantId?: string;
  /** Add the one deliberate drift, a column no table page lists (`DRIFT_COLUMNS`); default true. */
  readonly drift?: boolean;
  /** Clock (epoch ms) for timestamps; default Date.now. */
  readonly now?: () => number;
}

/** One Event Hubs message body of generated traffic. */
export interface GeneratedMessage {
  /** The table of its records (undefined for a bad message without one). */
  readonly table?: string;
  readonly records: number;
  readonly body: string | Buffer;
  /** Set for injected bad messages. */
  readonly bad?: BadMessageKind;
}

export const BAD_MESSAGE_KINDS = [
  'not-json',
  'empty',
  'truncated',
  'no-records',
  'records-not-array',
  'record-not-object',
  'wrong-types',
  'oversized',
  'hostile',
  'unknown-table',
] as const;
export type BadMessageKind = (typeof BAD_MESSAGE_KINDS)[number];

/** What a malformed message is built from: well-formed records and messages (the generator). */
export interface RecordSource {
  record(table?: string): GeneratedRecord;
  records(count: number, table?: string): GeneratedRecord[];
  message(): GeneratedMessage;
}
