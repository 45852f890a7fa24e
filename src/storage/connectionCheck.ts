import type { StorageAccount } from './account';
import type { BlobStore } from './blobStore';
import { describeStorageProblem, type StorageProblem } from './errors';
import { CONTAINER_PREFIX, tableOfContainer } from './layout';
import { createBlobStore, QUICK_STORAGE_RETRY } from './sdkBlobStore';

/** What a storage account holds of Defender's export: its tables (containers), with the catalog's names. */
export interface StorageCheckResult {
  readonly tables: ReadonlyArray<{ readonly container: string; readonly table: string; readonly known: boolean }>;
}

/** A failed check: its message is worded and redacted (src/storage/errors.ts). */
export class StorageCheckError extends Error {
  constructor(readonly problem: StorageProblem) {
    super(problem.message);
    this.name = 'StorageCheckError';
  }
}

/**
 * A quick check (one listing, no retry, 10 s at most): lists the account's `insights-logs-advancedhunting-*`
 * containers. Tells a wrong key, an expired SAS, a missing role, a firewall refusal and an unknown account
 * apart (see `describeStorageProblem`).
 */
export async function checkStorageAccount(account: StorageAccount, store?: BlobStore): Promise<StorageCheckResult> {
  try {
    const s = store ?? (await createBlobStore(account, { retryOptions: QUICK_STORAGE_RETRY }));
    const containers = await s.listContainers(CONTAINER_PREFIX);
    const tables = containers.flatMap((container) => {
      const t = tableOfContainer(container);
      return t ? [{ container, ...t }] : [];
    });
    return { tables };
  } catch (error) {
    throw new StorageCheckError(describeStorageProblem(error, account));
  }
}
