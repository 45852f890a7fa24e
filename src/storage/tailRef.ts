/**
 * What a Storage tail of the extension follows, as ids only (never a secret): a configured account's entry id
 * and its tables (none: every exported table). A running tail is registered, remembered by its Live Tail
 * page and restored after a reload by the same two strings as a hub's tail, `configId` and `hubName`
 * (src/tail/registry.ts, src/liveTail/shared/protocol.ts). The `storage:` prefix keeps its key apart from
 * every hub's: a hub entry's id has no ":" (src/config/ids.ts).
 */
export interface StorageTailRef {
  /** The storage account entry's id (`defenderStream.storageAccounts`). */
  readonly accountId: string;
  /** Catalog table names to follow; absent: every exported table of the account. */
  readonly tables?: readonly string[];
}

const PREFIX = 'storage:';
const EVERY_TABLE = '*';

/** The `configId` / `hubName` pair of a Storage tail: `storage:<accountId>` and its tables (sorted, comma-separated) or `*`. */
export function storageTailIds(ref: StorageTailRef): { readonly configId: string; readonly hubName: string } {
  const tables = ref.tables && ref.tables.length > 0 ? [...new Set(ref.tables)].sort((a, b) => a.localeCompare(b)) : undefined;
  return { configId: PREFIX + ref.accountId, hubName: tables ? tables.join(',') : EVERY_TABLE };
}

/** The Storage tail these ids name, or undefined for a hub's ids (or ids of no known form). */
export function parseStorageTailIds(configId: string, hubName: string): StorageTailRef | undefined {
  if (!configId.startsWith(PREFIX)) return undefined;
  const accountId = configId.slice(PREFIX.length);
  if (accountId === '' || accountId.includes('/')) return undefined;
  if (hubName === EVERY_TABLE) return { accountId };
  const tables = hubName.split(',');
  return tables.every((t) => /^[A-Za-z0-9_]{1,100}$/.test(t)) ? { accountId, tables } : undefined;
}

/** The tail's name for titles and the status bar: "<account> / DeviceEvents", "<account> / A, B", "<account> / every table". */
export function storageTailLabel(accountLabel: string, tables: readonly string[] | undefined): string {
  return `${accountLabel} / ${storageTailFollows(tables)}`;
}

/** What a Storage tail follows, for messages (its session's `hubName`): "DeviceEvents", "A, B" or "every table". */
export function storageTailFollows(tables: readonly string[] | undefined): string {
  return tables && tables.length > 0 ? tables.join(', ') : 'every table';
}
