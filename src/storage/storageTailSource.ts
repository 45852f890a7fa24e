import type { TailSession, TailSessionOptions } from '../tail/types';
import type { StorageAccount } from './account';

/** A tail of a Storage account's export as the extension starts it (in a worker: src/tail/worker/workerTailSession.ts). */
export interface StorageTailSource {
  /** The account, opened with its secret (a key or SAS crosses to the worker in a message; a token credential stays behind). */
  readonly account: StorageAccount;
  /** The tail's label, e.g. "Azurite export / EmailEvents". */
  readonly label: string;
  /** The tables followed (none: every exported table). */
  readonly tables?: readonly string[];
  /** Opens the account again for Retry (its key may have been saved again meanwhile). */
  reopen(): Promise<StorageAccount>;
}

/** Starts a Storage tail's session (`createWorkerStorageTailSession` bound to its worker's file). */
export type StorageTailSessionFactory = (source: StorageTailSource, options: TailSessionOptions) => TailSession;
