import type { StorageAccount } from './account';
import type { BlobStore } from './blobStore';
import { describeStorageProblem, retryAfterMs, type StorageProblem } from './errors';
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

/** Tries of a check answered with throttling or a server error (each a single request without the SDK's retries). */
const CHECK_TRIES = 3;
/** Longest wait between two tries of a check, whatever Retry-After says: a check answers in seconds. */
const CHECK_MAX_WAIT_MS = 2_000;

/**
 * A quick check (one listing, 10 s at most per try): lists the account's `insights-logs-advancedhunting-*`
 * containers. Tells a wrong key, an expired SAS, a missing role, a firewall refusal and an unknown account
 * apart at once (see `describeStorageProblem`); throttling (503 ServerBusy, 429) and server errors are tried
 * again, up to three tries, after the wait the service asks for (at most 2 s).
 */
export async function checkStorageAccount(account: StorageAccount, store?: BlobStore): Promise<StorageCheckResult> {
  for (let attempt = 1; ; attempt++) {
    try {
      const s = store ?? (await createBlobStore(account, { retryOptions: QUICK_STORAGE_RETRY }));
      const containers = await s.listContainers(CONTAINER_PREFIX);
      const tables = containers.flatMap((container) => {
        const t = tableOfContainer(container);
        return t ? [{ container, ...t }] : [];
      });
      return { tables };
    } catch (error) {
      const problem = describeStorageProblem(error, account);
      const passing = problem.code === 'throttled' || problem.code === 'serverError';
      if (!passing || attempt >= CHECK_TRIES) throw new StorageCheckError(problem);
      const wait = Math.min(retryAfterMs(error) ?? 250 * attempt, CHECK_MAX_WAIT_MS);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
