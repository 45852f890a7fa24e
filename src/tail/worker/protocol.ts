import type { RecordFilterSpec } from '../../core/filter/recordFilter';
import type { HubTarget } from '../../hubs/hubTarget';
import type { StorageAccount } from '../../storage/account';
import type { TailNotice, TailSessionOptions, TailState, TailStats } from '../types';
import type { EntryBatch } from './entryBatch';
import type { TokenAnswer, TokenRequest } from './tokenBridge';

/**
 * A hub target as it crosses to a tail's worker: a connection string goes as it is (in memory, between
 * two threads of one process: never in arguments or the environment); a token credential stays on the
 * extension host's thread, and the worker asks it for each token (`getToken`).
 */
export type WorkerTarget = Omit<HubTarget, 'auth'> & {
  readonly auth: { readonly kind: 'connectionString'; readonly connectionString: string } | { readonly kind: 'tokenCredential' };
};

/** A Storage account as it crosses to a tail's worker: a key or SAS as it is (in memory); a token credential stays behind. */
export type WorkerStorageAccount = Omit<StorageAccount, 'auth'> & {
  readonly auth: Exclude<StorageAccount['auth'], { kind: 'tokenCredential' }> | { readonly kind: 'tokenCredential' };
};

/** A tail of a Storage account's export (src/storage/storageTailSession.ts) as its worker starts it. */
export interface WorkerStorageTail {
  readonly account: WorkerStorageAccount;
  readonly label: string;
  /** The tables followed (none: every exported table). */
  readonly tables?: readonly string[];
  /** See `StorageTailOptions.resumeAfter` (a worker started again after one died). */
  readonly resumeAfter?: Readonly<Record<string, number>>;
}

/** What the extension host's thread tells a tail's worker. */
export type ToWorker =
  | {
      readonly type: 'start';
      readonly target: WorkerTarget;
      readonly options: TailSessionOptions;
    }
  | { readonly type: 'startStorage'; readonly storage: WorkerStorageTail; readonly options: TailSessionOptions }
  | { readonly type: 'setFilter'; readonly spec: RecordFilterSpec }
  | { readonly type: 'pause' | 'resume' | 'clear' | 'stop' }
  | { readonly type: 'snapshot'; readonly id: number; readonly filter?: RecordFilterSpec }
  /** Retry: a hub tail with its target read again (when given); a Storage tail with its account opened again. */
  | { readonly type: 'reconnect'; readonly id: number; readonly target?: WorkerTarget; readonly account?: WorkerStorageAccount }
  | TokenAnswer;

/** What a tail's worker tells the extension host's thread. */
export type FromWorker =
  /** New entries, the session's stats, or both (entries first, then the stats that count them). */
  | { readonly type: 'update'; readonly batch?: EntryBatch; readonly stats?: TailStats }
  | { readonly type: 'state'; readonly state: TailState }
  | { readonly type: 'notice'; readonly notice: TailNotice }
  | { readonly type: 'snapshot'; readonly id: number; readonly batch: EntryBatch }
  | { readonly type: 'reconnected'; readonly id: number; readonly error?: string }
  | TokenRequest
  | { readonly type: 'stopped' };

/** The target without its secret's object, as the worker gets it. */
export function toWorkerTarget(target: HubTarget): WorkerTarget {
  const { configId, label, namespaceHost, hubName, consumerGroup, table } = target;
  const auth: WorkerTarget['auth'] =
    target.auth.kind === 'connectionString'
      ? { kind: 'connectionString', connectionString: target.auth.connectionString }
      : { kind: 'tokenCredential' };
  return { configId, label, namespaceHost, hubName, consumerGroup, ...(table !== undefined ? { table } : {}), auth };
}

/** The account without its credential object, as the worker gets it. */
export function toWorkerStorageAccount(account: StorageAccount): WorkerStorageAccount {
  const { accountName, blobEndpoint, host, emulator } = account;
  const auth: WorkerStorageAccount['auth'] = account.auth.kind === 'tokenCredential' ? { kind: 'tokenCredential' } : account.auth;
  return { accountName, blobEndpoint, host, emulator, auth };
}
