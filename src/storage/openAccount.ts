import type { StorageAccount } from './account';
import type { StorageAccountEntry } from './accountEntries';
import type { BlobStore } from './blobStore';

/** A configured account, ready to read: its entry, the account (with its credential) and blob stores. */
export interface OpenAccount {
  readonly entry: StorageAccountEntry;
  readonly account: StorageAccount;
  /** Listings (the tree): one try, 10 s. */
  readonly listing: BlobStore;
  /** Reading a blob: a retry and 30 s per try. */
  readonly reading: BlobStore;
}

/**
 * The configured storage accounts as the features that read them see them (implemented by
 * src/vscode/storage/storageAccounts.ts): an entry by its id, and the account opened with its secret.
 */
export interface ConfiguredStorageAccounts {
  readonly store: { get(id: string): StorageAccountEntry | undefined };
  /** The account of a configured entry; rejects when it is no longer configured or its key is missing. */
  open(id: string): Promise<OpenAccount>;
  /** Shows an account that is not configured while something runs (the demo's Azurite), or stops showing it. */
  setEphemeral(value: { readonly entry: StorageAccountEntry; readonly account: StorageAccount } | undefined): void;
}
