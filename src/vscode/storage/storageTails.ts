import { storageDisplayName } from '../../storage/accountEntries';
import { storageTailIds, storageTailLabel, type StorageTailRef } from '../../storage/tailRef';
import type { EditorTailSource } from '../../tail/editorTailController';
import type { TailSessionOptions } from '../../tail/types';
import type { ConfiguredStorageAccounts } from '../../storage/openAccount';
import type { StorageTailSessionFactory } from '../../storage/storageTailSource';

/**
 * The Storage tail a command's argument names: a storage account node of the Storage Accounts view (every
 * exported table) or a table node (that table); undefined for anything else (a hub's node, no argument).
 */
export function storageTailRefOf(arg: unknown): StorageTailRef | undefined {
  if (typeof arg !== 'object' || arg === null) return undefined;
  const node = arg as { kind?: unknown; accountId?: unknown; table?: unknown };
  if (typeof node.accountId !== 'string') return undefined;
  if (node.kind === 'storageAccount') return { accountId: node.accountId };
  if (node.kind === 'storageTable' && typeof node.table === 'string') return { accountId: node.accountId, tables: [node.table] };
  return undefined;
}

/** The label of a Storage tail ("<account label> / <tables>"); throws when the account is no longer configured. */
export function storageTailName(accounts: ConfiguredStorageAccounts, ref: StorageTailRef): string {
  const entry = accounts.store.get(ref.accountId);
  if (!entry) throw new Error('This storage account is no longer configured. Refresh the Storage Accounts view.');
  return storageTailLabel(storageDisplayName(entry), ref.tables);
}

/**
 * A Storage tail as Live Tail and Tail to Editor start it: the account opened with its secret (rejects when its
 * key is missing), its registry ids, its label, and its sessions (each in a worker thread: the appended bytes of
 * each table's newest hour blob, src/storage/storageTailSession.ts). Retry (`reconnect()`) opens the account
 * again, so a key added again is used.
 */
export async function openStorageTail(
  accounts: ConfiguredStorageAccounts,
  ref: StorageTailRef,
  startSession: StorageTailSessionFactory,
): Promise<EditorTailSource> {
  const opened = await accounts.open(ref.accountId);
  const label = storageTailLabel(storageDisplayName(opened.entry), ref.tables);
  const source = {
    account: opened.account,
    label,
    ...(ref.tables ? { tables: ref.tables } : {}),
    reopen: async () => (await accounts.open(ref.accountId)).account,
  };
  return { ...storageTailIds(ref), label, startSession: (options: TailSessionOptions) => startSession(source, options) };
}
