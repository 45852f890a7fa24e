/**
 * A tail's worker thread (bundled as dist/tailWorker.js): runs one tail session, with its Event Hubs
 * consumer (or a Storage account's blob reads), decoding, filtering, counting and ring buffer, away from
 * the extension host's thread, which
 * every extension shares. It only hands that thread small messages: new entries in batches (their bytes
 * moved, not copied), stats, state and notices, and the buffer when asked (src/tail/worker/protocol.ts).
 */
import { parentPort } from 'node:worker_threads';
import type { HubTarget } from '../../hubs/hubTarget';
import type { StorageAccount } from '../../storage/account';
import { createBlobStore, TAIL_STORAGE_RETRY } from '../../storage/sdkBlobStore';
import { StorageTailSession } from '../../storage/storageTailSession';
import { createTailSession } from '../session';
import type { TailSession } from '../types';
import { encodeEntries } from './entryBatch';
import type { FromWorker, ToWorker, WorkerStorageAccount, WorkerTarget } from './protocol';
import { createTokenRequester } from './tokenBridge';

const port = parentPort;
if (!port) throw new Error('src/tail/worker/tailWorker.ts runs as a worker thread.');

let session: TailSession | undefined;
/** A Storage tail's account: replaced on Retry (the key may have been saved again), read on each reconnect. */
let storageAccount: StorageAccount | undefined;
const tokens = createTokenRequester((request) => post(request));

function post(message: FromWorker, transfer: ArrayBuffer[] = []): void {
  port!.postMessage(message, transfer);
}

function hubTarget(target: WorkerTarget): HubTarget {
  const auth: HubTarget['auth'] =
    target.auth.kind === 'connectionString' ? target.auth : { kind: 'tokenCredential', credential: tokens.credential };
  return { ...target, auth };
}

function storageAccountOf(account: WorkerStorageAccount): StorageAccount {
  const auth: StorageAccount['auth'] =
    account.auth.kind === 'tokenCredential' ? { kind: 'tokenCredential', credential: tokens.credential } : account.auth;
  return { ...account, auth };
}

function startStorage(message: Extract<ToWorker, { type: 'startStorage' }>): void {
  const { storage, options } = message;
  storageAccount = storageAccountOf(storage.account);
  attach(
    new StorageTailSession({
      ...options,
      account: storageAccount,
      label: storage.label,
      // Made on start and on each reconnect, from the account as it is then.
      store: () => createBlobStore(storageAccount!, { retryOptions: TAIL_STORAGE_RETRY }),
      ...(storage.tables ? { tables: storage.tables } : {}),
      ...(storage.resumeAfter ? { resumeAfter: storage.resumeAfter } : {}),
    }),
  );
}

function attach(s: TailSession): void {
  session = s;
  // A session hands over new entries and then, at once, its stats: they cross together, so the other
  // side's stats are never behind the entries it was given.
  let pending: ReturnType<typeof encodeEntries> | undefined;
  const postPending = (): void => {
    const p = pending;
    pending = undefined;
    if (p) post({ type: 'update', batch: p.batch }, p.transfer);
  };
  s.onEntries((entries) => {
    postPending();
    pending = encodeEntries(entries);
    queueMicrotask(postPending);
  });
  s.onStats((stats) => {
    const p = pending;
    pending = undefined;
    post({ type: 'update', stats, ...(p ? { batch: p.batch } : {}) }, p?.transfer ?? []);
  });
  s.onState((state) => post({ type: 'state', state }));
  s.onNotice((notice) => post({ type: 'notice', notice }));
}

port.on('message', (message: ToWorker) => {
  switch (message.type) {
    case 'start':
      attach(createTailSession(hubTarget(message.target), message.options));
      return;
    case 'startStorage':
      startStorage(message);
      return;
    case 'setFilter':
      session?.setFilter(message.spec);
      return;
    case 'pause':
      session?.pause();
      return;
    case 'resume':
      session?.resume();
      return;
    case 'clear':
      session?.clear();
      return;
    case 'snapshot': {
      void (session?.snapshot(message.filter) ?? Promise.resolve([])).then((entries) => {
        const { batch, transfer } = encodeEntries(entries);
        post({ type: 'snapshot', id: message.id, batch }, transfer);
      });
      return;
    }
    case 'reconnect': {
      const s = session;
      const target = message.target ? hubTarget(message.target) : undefined;
      if (message.account) storageAccount = storageAccountOf(message.account);
      void (s ? s.reconnect(target) : Promise.reject(new Error('The tail has not started.'))).then(
        () => post({ type: 'reconnected', id: message.id }),
        (error: unknown) => post({ type: 'reconnected', id: message.id, error: error instanceof Error ? error.message : String(error) }),
      );
      return;
    }
    case 'token':
      tokens.answer(message);
      return;
    case 'stop':
      void (session?.stop() ?? Promise.resolve()).finally(() => {
        post({ type: 'stopped' });
        port.close();
      });
      return;
  }
});
