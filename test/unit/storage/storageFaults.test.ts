import assert from 'node:assert/strict';
import { parseStorageConnection, type StorageAccount } from '../../../src/storage/account';
import { checkStorageAccount, StorageCheckError } from '../../../src/storage/connectionCheck';
import { floorHour } from '../../../src/storage/layout';
import { createBlobStore, TAIL_STORAGE_RETRY } from '../../../src/storage/sdkBlobStore';
import { StorageTailSession } from '../../../src/storage/storageTailSession';
import type { TailEntry, TailState } from '../../../src/tail/types';
import { startAzurite, type Azurite } from '../../support/azurite';
import {
  BLOB_READ,
  FORBIDDEN,
  INTERNAL_ERROR,
  LIST_CONTAINERS,
  SERVER_BUSY,
  startFaultProxy,
  TOO_MANY_REQUESTS,
  type FaultProxy,
} from '../../support/faultProxy';
import { ExportWriter, storageRecord, waitFor } from './support';

const T = 'DeviceProcessEvents';

/** The ReportId of each record entry, in order. */
function reportIds(entries: readonly TailEntry[]): number[] {
  return entries.flatMap((e) => (e.type === 'record' ? [Number((e.record.properties as Record<string, unknown>).ReportId)] : []));
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

describe('Storage tail and connection check through a faulty proxy (Azurite behind it)', function () {
  this.timeout(60_000);
  let azurite: Azurite;
  let writer: ExportWriter;
  let proxy: FaultProxy;
  /** The account as seen through the proxy. */
  let account: StorageAccount;
  const sessions: StorageTailSession[] = [];

  before(async () => {
    azurite = await startAzurite();
    writer = new ExportWriter(azurite);
  });
  after(async () => {
    await azurite?.stop();
  });
  beforeEach(async () => {
    const started = await startFaultProxy(azurite.port);
    proxy = started;
    account = parseStorageConnection(azurite.connectionString.replace(`:${azurite.port}/`, `:${started.listenPort}/`));
  });
  afterEach(async () => {
    await Promise.all(sessions.splice(0).map((s) => s.stop()));
    await proxy.stop();
    await writer.reset();
  });

  function tail(): { session: StorageTailSession; entries: TailEntry[]; states: TailState[] } {
    const session = new StorageTailSession({
      account,
      // The CLI's and the extension's retry options: the SDK tries twice, then the tail retries on its next poll.
      store: () => createBlobStore(account, { retryOptions: TAIL_STORAGE_RETRY }),
      tables: [T],
      start: { kind: 'earliest' },
      pollIntervalMs: 50,
      emitIntervalMs: 10,
      readChunkBytes: 16 * 1024,
      bufferSize: 10_000,
    });
    sessions.push(session);
    const entries: TailEntry[] = [];
    const states: TailState[] = [];
    session.onEntries((batch) => entries.push(...batch));
    session.onState((s) => states.push(s));
    return { session, entries, states };
  }

  it('retries 503 ServerBusy, 500, 429 with Retry-After and dropped connections: every line once, reconnecting meanwhile', async () => {
    const hour = floorHour(Date.now());
    const pad = 'p'.repeat(300);
    await writer.appendRecords(
      T,
      hour,
      range(0, 400).map((n) => storageRecord(T, n, undefined, { Pad: pad })),
    );
    // Each pair outlasts the SDK's two tries, so the tail itself sees the failure; a connection cut halfway
    // through an answer's body is resumed by the SDK from the byte where it stopped.
    proxy.inject(BLOB_READ, SERVER_BUSY, SERVER_BUSY, { kind: 'cut' }, INTERNAL_ERROR, INTERNAL_ERROR, { kind: 'drop' }, { kind: 'drop' });
    const { session, entries, states } = tail();
    await waitFor('the first 400 records', () => entries.length >= 400, 30_000);
    assert.equal(proxy.pendingFaults, 0);
    assert.deepEqual(reportIds(entries), range(0, 400));
    const reconnecting = states.flatMap((s) => (s.kind === 'reconnecting' ? [s.lastError] : []));
    assert.ok(
      reconnecting.some((e) => /is busy and asked to slow down \(503 ServerBusy\); retrying/.test(e)),
      reconnecting.join('\n'),
    );
    assert.ok(
      reconnecting.some((e) => /answered with a server error \(500 InternalError\); retrying/.test(e)),
      reconnecting.join('\n'),
    );
    assert.ok(
      reconnecting.some((e) => /did not answer in time/.test(e)),
      reconnecting.join('\n'),
    );
    await waitFor('live after the failures', () => session.state.kind === 'live');

    // Throttled while following the blob: a 429 that says "Retry-After: 1" is obeyed before the next read.
    const seen = proxy.requests.length;
    proxy.inject(BLOB_READ, TOO_MANY_REQUESTS(1));
    await writer.appendRecords(
      T,
      hour,
      range(400, 450).map((n) => storageRecord(T, n)),
    );
    await waitFor('the appended records', () => entries.length >= 450, 30_000);
    assert.deepEqual(reportIds(entries), range(0, 450));
    assert.equal(session.stats().malformed, 0);
    const reads = proxy.matching(BLOB_READ, seen);
    const throttled = reads.findIndex((r) => r.status === 429);
    assert.ok(throttled >= 0 && reads[throttled + 1], 'a read after the 429');
    assert.ok(reads[throttled + 1].at - reads[throttled].at >= 990, `waited ${reads[throttled + 1].at - reads[throttled].at} ms`);
    assert.ok(states.some((s) => s.kind === 'reconnecting' && /\(429 TooManyRequests\)/.test(s.lastError)));
    await waitFor('live again', () => session.state.kind === 'live');
  });

  it('stops at once on a 403, with the one wording the connection check uses too', async () => {
    await writer.appendRecords(T, floorHour(Date.now()), [storageRecord(T, 1)]);
    proxy.inject(() => true, FORBIDDEN);
    const check = await checkStorageAccount(account).catch((e: unknown) => e);
    assert.ok(check instanceof StorageCheckError);
    assert.equal(check.problem.code, 'firewall');
    assert.match(check.message, /refused the request \(403 AuthorizationFailure\): its firewall does not let this network in/);
    assert.equal(proxy.requests.length, 1, 'the check did not retry the 403');

    proxy.inject(() => true, FORBIDDEN);
    const seen = proxy.requests.length;
    const { session, states } = tail();
    await assert.rejects(session.whenLive(), (error: Error) => error.message === check.message);
    assert.equal(session.state.kind, 'failed');
    assert.equal(session.state.kind === 'failed' && session.state.error, check.message);
    assert.ok(!states.some((s) => s.kind === 'reconnecting'), 'a permanent failure is not retried');
    assert.equal(proxy.requests.length - seen, 1, 'the tail did not retry the 403');
  });

  it('the connection check retries throttling and server errors, honouring Retry-After', async () => {
    await writer.container(T);
    proxy.inject(LIST_CONTAINERS, SERVER_BUSY, TOO_MANY_REQUESTS(1));
    const result = await checkStorageAccount(account);
    assert.deepEqual(
      result.tables.map((t) => t.table),
      [T],
    );
    const lists = proxy.matching(LIST_CONTAINERS);
    assert.deepEqual(
      lists.map((r) => r.status),
      [503, 429, 200],
    );
    assert.ok(lists[2].at - lists[1].at >= 990, `waited ${lists[2].at - lists[1].at} ms after Retry-After: 1`);

    proxy.inject(LIST_CONTAINERS, INTERNAL_ERROR, INTERNAL_ERROR, INTERNAL_ERROR);
    const failed = await checkStorageAccount(account).catch((e: unknown) => e);
    assert.ok(failed instanceof StorageCheckError);
    assert.equal(failed.problem.code, 'serverError');
    assert.equal(proxy.pendingFaults, 0);
  });
});
