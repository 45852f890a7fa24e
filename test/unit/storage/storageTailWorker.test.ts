// A Storage tail in a worker thread, as the extension runs Live Tail and Tail to Editor of a storage account:
// the blob reads, splitting and decoding leave the extension host's thread; what only a worker brings is
// tested here (the tail's behaviour itself: storageTail.test.ts, on the calling thread).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseStorageConnection, type StorageAccount } from '../../../src/storage/account';
import { floorHour, HOUR_MS } from '../../../src/storage/layout';
import type { StorageTailSource } from '../../../src/storage/storageTailSource';
import type { TailEntry, TailSession } from '../../../src/tail/types';
import { createWorkerStorageTailSession, type TailWorkerOptions } from '../../../src/tail/worker/workerTailSession';
import { deviceNames, storageRecord, useAzuriteExport, waitFor } from './support';

/** The worker with the test probes of test/support/tailWorkerProbe.cjs (chosen by environment variables). */
const PROBE: TailWorkerOptions = { workerFile: path.resolve(__dirname, '../../support/tailWorkerProbe.cjs') };
const T = 'DeviceProcessEvents';

describe('Storage tail in a worker thread', function () {
  this.timeout(60_000);
  const ctx = useAzuriteExport();
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dse-storage-worker-'));
  });
  afterEach(() => {
    delete process.env.DSE_TEST_WORKER_CRASH_MARKER;
    delete process.env.DSE_TEST_WORKER_REPORT;
    rmSync(dir, { recursive: true, force: true });
  });

  function start(options: { account?: StorageAccount; reopen?: () => Promise<StorageAccount> } = {}): {
    session: TailSession;
    entries: TailEntry[];
    reopened: () => number;
  } {
    let reopened = 0;
    const source: StorageTailSource = {
      account: options.account ?? ctx.account,
      label: 'Azurite / DeviceProcessEvents',
      tables: [T],
      reopen: async () => {
        reopened++;
        return (await options.reopen?.()) ?? ctx.account;
      },
    };
    const session = createWorkerStorageTailSession(source, { start: { kind: 'earliest' }, emitIntervalMs: 10 }, PROBE);
    ctx.running.push(session);
    const entries: TailEntry[] = [];
    session.onEntries((batch) => entries.push(...batch));
    return { session, entries, reopened: () => reopened };
  }

  it('reads the hour blobs and what is appended, named and counted as on the calling thread', async () => {
    const hour = floorHour(Date.now());
    await ctx.writer.appendRecords(T, hour - HOUR_MS, [storageRecord(T, 0), storageRecord(T, 1)]);
    await ctx.writer.appendRecords(T, hour, [storageRecord(T, 2)]);
    const { session, entries } = start();
    assert.equal(session.label, 'Azurite / DeviceProcessEvents');
    assert.equal(session.hubName, T);
    await waitFor('three records', () => entries.length >= 3);
    await session.whenLive();
    await ctx.writer.append(T, hour, `${JSON.stringify(storageRecord(T, 3))}\nnot json\n`);
    await waitFor('the appended record and the malformed line', () => entries.length >= 5);
    assert.deepEqual(deviceNames(entries), ['wks-0', 'wks-1', 'wks-2', 'wks-3']);
    assert.equal(entries[4].type, 'malformed');
    await waitFor('the counts', () => session.stats().receivedEvents === 5);
    assert.equal(session.stats().tables.find((t) => t.table === T)?.records, 4);
    assert.equal(session.stats().malformed, 1);
    assert.equal((await session.snapshot()).length, 5);
  });

  it('a worker that dies fails the tail; Retry starts a new one that resumes each blob after its last line, no gap and no duplicate', async () => {
    process.env.DSE_TEST_WORKER_CRASH_MARKER = path.join(dir, 'crashed');
    const hour = floorHour(Date.now());
    await ctx.writer.appendRecords(
      T,
      hour - HOUR_MS,
      Array.from({ length: 5 }, (_, i) => storageRecord(T, i)),
    );
    await ctx.writer.appendRecords(T, hour, [storageRecord(T, 5), storageRecord(T, 6)]);
    const { session, entries, reopened } = start();
    await waitFor('the worker to die', () => session.state.kind === 'failed');
    const error = session.state.kind === 'failed' ? session.state.error : '';
    assert.match(error, /worker thread stopped unexpectedly/);
    assert.match(error, /each blob resumes after the last line received/);
    const before = entries.length;
    assert.ok(before > 0 && before < 9, `the dead worker delivered ${before} records`);

    await ctx.writer.appendRecords(T, hour, [storageRecord(T, 7), storageRecord(T, 8)]); // while no worker reads
    await session.reconnect();
    assert.equal(reopened(), 1, 'Retry opens the account again');
    await waitFor('all nine records', () => entries.length >= 9);
    await new Promise((r) => setTimeout(r, 400)); // a duplicate would show up now
    assert.deepEqual(
      deviceNames(entries),
      Array.from({ length: 9 }, (_, i) => `wks-${i}`),
    );
    const ids = entries.map((e) => e.id);
    assert.ok(
      ids.every((id, i) => i === 0 || id > ids[i - 1]),
      'entry ids keep growing across the restart',
    );
    await waitFor('nine records counted', () => session.stats().receivedRecords === 9);
    assert.equal(session.state.kind, 'live');
  });

  it('Retry after a refused key sends the account opened again (its key saved again) to the worker, which reads with it', async () => {
    const hour = floorHour(Date.now());
    await ctx.writer.appendRecords(T, hour, [storageRecord(T, 1)]);
    const wrong = parseStorageConnection(
      ctx.azurite.connectionString.replace(/AccountKey=[^;]+/, `AccountKey=${Buffer.alloc(64, 9).toString('base64')}`),
    );
    const { session, entries, reopened } = start({ account: wrong, reopen: async () => ctx.account });
    await assert.rejects(session.whenLive(), /account key was rejected/);
    await session.reconnect();
    assert.equal(reopened(), 1);
    await waitFor('the record, read with the key saved again', () => entries.length >= 1);
    assert.deepEqual(deviceNames(entries), ['wks-1']);
    await session.whenLive();
  });

  it('the account key crosses in a message: not in the worker’s arguments, environment or workerData', async () => {
    const report = path.join(dir, 'started.json');
    process.env.DSE_TEST_WORKER_REPORT = report;
    await ctx.writer.appendRecords(T, floorHour(Date.now()), [storageRecord(T, 1)]);
    const { session, entries } = start();
    await waitFor('a record (the worker had the key)', () => entries.length >= 1);
    await session.whenLive();
    const started = readFileSync(report, 'utf8');
    const key = ctx.account.auth.kind === 'sharedKey' ? ctx.account.auth.accountKey : '';
    assert.ok(key.length >= 16);
    for (let i = 0; i + 8 <= key.length; i++)
      assert.ok(!started.includes(key.slice(i, i + 8)), 'a run of the key is in what the worker was started with');
  });

  it('stop() ends the worker thread and says stopped', async () => {
    await ctx.writer.appendRecords(T, floorHour(Date.now()), [storageRecord(T, 1)]);
    const { session, entries } = start();
    await waitFor('a record', () => entries.length >= 1);
    await session.stop();
    assert.equal(session.state.kind, 'stopped');
    assert.deepEqual(await session.snapshot(), []);
  });
});
