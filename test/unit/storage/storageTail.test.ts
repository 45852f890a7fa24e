import { parseStorageConnection } from '../../../src/storage/account';
import assert from 'node:assert/strict';
import type { BlobStore } from '../../../src/storage/blobStore';
import { checkStorageAccount, StorageCheckError } from '../../../src/storage/connectionCheck';
import { containerOfTable, floorHour, hourBlobPath, HOUR_MS } from '../../../src/storage/layout';
import { createBlobStore } from '../../../src/storage/sdkBlobStore';
import { StorageTailSession, type StorageTailOptions } from '../../../src/storage/storageTailSession';
import type { TailPipeline } from '../../../src/tail/pipeline';
import type { TailEntry, TailState } from '../../../src/tail/types';
import { deviceNames, storageRecord, TENANT, useAzuriteExport, waitFor } from './support';

const T = 'DeviceProcessEvents';

describe('Storage tail against Azurite', function () {
  this.timeout(60_000);
  const ctx = useAzuriteExport();
  const sessions = ctx.running as StorageTailSession[];

  /** A tail with a fast poll; `clock` (when given) is the tail's clock. */
  function tail(options: Partial<StorageTailOptions> = {}): { session: StorageTailSession; entries: TailEntry[]; states: TailState[] } {
    const session = new StorageTailSession({
      account: ctx.account,
      store: () => createBlobStore(ctx.account),
      pollIntervalMs: 50,
      emitIntervalMs: 10,
      ...options,
    });
    sessions.push(session);
    const entries: TailEntry[] = [];
    const states: TailState[] = [];
    session.onEntries((batch) => entries.push(...batch));
    session.onState((s) => states.push(s));
    return { session, entries, states };
  }

  it('checks the account: its tables, and a wrong key or closed port told apart', async () => {
    await ctx.writer.container(T);
    await ctx.writer.container('EmailEvents');
    await ctx.writer.service.getContainerClient('unrelated').createIfNotExists();
    const result = await checkStorageAccount(ctx.account);
    assert.deepEqual(
      result.tables.map((t) => t.table),
      ['DeviceProcessEvents', 'EmailEvents'],
    );
    const wrongKey = parseStorageConnection(
      ctx.azurite.connectionString.replace(/AccountKey=[^;]+/, `AccountKey=${Buffer.alloc(64, 7).toString('base64')}`),
    );
    const e1 = await checkStorageAccount(wrongKey).catch((e: unknown) => e);
    assert.ok(e1 instanceof StorageCheckError);
    assert.equal(e1.problem.code, 'wrongKey', e1.message);
    assert.match(e1.message, /account key was rejected by "devstoreaccount1" \(403 AuthenticationFailed\)/);
    const closed = parseStorageConnection(ctx.azurite.connectionString.replace(`:${ctx.azurite.port}/`, ':9/'));
    const e2 = await checkStorageAccount(closed).catch((e: unknown) => e);
    assert.ok(e2 instanceof StorageCheckError);
    assert.equal(e2.problem.code, 'connectionRefused', e2.message);
  });

  it('starts at the end of the newest blob and reads only what is appended, across a cut line', async () => {
    const hour = floorHour(Date.now());
    await ctx.writer.appendRecords(T, hour - HOUR_MS, [storageRecord(T, 0)]);
    await ctx.writer.appendRecords(T, hour, [storageRecord(T, 1), storageRecord(T, 2)]);
    const { session, entries } = tail({ tables: [T] });
    await session.whenLive();
    await ctx.writer.appendRecords(T, hour, [storageRecord(T, 3), storageRecord(T, 4)]);
    await waitFor('two appended records', () => entries.length >= 2);
    // A record written in two appends: held until its line ends.
    const line = JSON.stringify(storageRecord(T, 5)) + '\n';
    await ctx.writer.append(T, hour, line.slice(0, 40));
    const before = session.stats().receivedBytes;
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(session.stats().receivedBytes, before, 'nothing of a cut line is ingested');
    await ctx.writer.append(T, hour, line.slice(40) + 'not json at all\n');
    await waitFor('the completed line and the malformed one', () => entries.length >= 4);
    assert.deepEqual(deviceNames(entries), ['wks-3', 'wks-4', 'wks-5']);
    const bad = entries.find((e) => e.type === 'malformed');
    assert.equal(bad?.type === 'malformed' && bad.reason, 'not-json');
    const first = entries[0];
    assert.equal(first.type, 'record');
    assert.equal(first.type === 'record' && first.table, T);
    assert.match(first.partitionId, /^insights-logs-advancedhunting-deviceprocessevents\/tenantId=.+\/PT1H\.json$/);
    const stats = session.stats();
    assert.equal(stats.receivedRecords, 3);
    assert.equal(stats.malformed, 1);
    assert.equal(stats.tables.find((t) => t.table === T)?.records, 3);
  });

  it('reads from the oldest retained hour with --from earliest, across a gap, then rolls over to a new hour', async () => {
    const base = floorHour(Date.now()) - 5 * HOUR_MS;
    let now = base + 30 * 60_000;
    await ctx.writer.appendRecords(T, base - 3 * HOUR_MS, [storageRecord(T, 1)]);
    await ctx.writer.appendRecords(T, base - HOUR_MS, [storageRecord(T, 2), storageRecord(T, 3)]);
    await ctx.writer.appendRecords(T, base, [storageRecord(T, 4)]);
    const { session, entries } = tail({ tables: [T], start: { kind: 'earliest' }, now: () => now });
    await waitFor('the retained hours', () => entries.length >= 4);
    assert.deepEqual(deviceNames(entries), ['wks-1', 'wks-2', 'wks-3', 'wks-4']);
    // The hour ends: the last appends to the old blob, then the next hour's blob.
    await ctx.writer.appendRecords(T, base, [storageRecord(T, 5)]);
    await ctx.writer.appendRecords(T, base + HOUR_MS, [storageRecord(T, 6)]);
    await waitFor('the rest of the hour', () => entries.length >= 5);
    now = base + HOUR_MS + 60_000;
    session.pollNow();
    await waitFor('the next hour', () => entries.length >= 6);
    await ctx.writer.appendRecords(T, base + HOUR_MS, [storageRecord(T, 7)]);
    await waitFor('an append to the new hour', () => entries.length >= 7);
    assert.deepEqual(deviceNames(entries), ['wks-1', 'wks-2', 'wks-3', 'wks-4', 'wks-5', 'wks-6', 'wks-7']);
    assert.equal(new Set(entries.map((e) => e.partitionId)).size, 4);
  });

  it('starts at a chosen time: from its hour, skipping records received before it', async () => {
    const hour = floorHour(Date.now()) - 2 * HOUR_MS;
    const at = (min: number): string => new Date(hour + min * 60_000).toISOString();
    await ctx.writer.appendRecords(T, hour - HOUR_MS, [storageRecord(T, 0, at(-10))]);
    await ctx.writer.appendRecords(T, hour, [storageRecord(T, 1, at(5)), storageRecord(T, 2, at(20)), storageRecord(T, 3, at(40))]);
    await ctx.writer.appendRecords(T, hour + HOUR_MS, [storageRecord(T, 4, at(70))]);
    const { entries } = tail({ tables: [T], start: { kind: 'time', enqueuedAfter: new Date(hour + 15 * 60_000) } });
    await waitFor('records from the chosen time', () => entries.length >= 3);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(deviceNames(entries), ['wks-2', 'wks-3', 'wks-4']);
  });

  it('follows every export container when no table is chosen, also one that appears later; empty containers are fine', async () => {
    const hour = floorHour(Date.now());
    await ctx.writer.container('EmailEvents'); // empty
    await ctx.writer.appendRecords(T, hour, [storageRecord(T, 1)]);
    const { session, entries } = tail({ start: { kind: 'time', enqueuedAfter: new Date(hour) }, discoverIntervalMs: 100 });
    await session.whenLive();
    await waitFor('the first record', () => entries.length >= 1);
    await ctx.writer.appendRecords('EmailEvents', hour, [storageRecord('EmailEvents', 2)]);
    await ctx.writer.appendRecords('DeviceNetworkEvents', hour, [storageRecord('DeviceNetworkEvents', 3)]);
    await waitFor('records of the other tables', () => entries.length >= 3);
    assert.deepEqual(new Set(entries.map((e) => (e.type === 'record' ? e.table : ''))), new Set([T, 'EmailEvents', 'DeviceNetworkEvents']));
    assert.equal(session.state.kind, 'live');
  });

  it('reads a 10 MB blob in ranged pieces, every record once', async () => {
    const hour = floorHour(Date.now());
    const pad = 'x'.repeat(900);
    const lines: string[] = [];
    let size = 0;
    for (let n = 0; size < 10 * 1024 * 1024; n++) {
      const line = JSON.stringify(storageRecord(T, n, undefined, { ProcessCommandLine: pad })) + '\n';
      lines.push(line);
      size += Buffer.byteLength(line);
    }
    await ctx.writer.append(T, hour, lines.join(''));
    const { session, entries } = tail({ tables: [T], start: { kind: 'earliest' }, readChunkBytes: 1024 * 1024 + 7, bufferSize: 20_000 });
    await waitFor('every record', () => session.stats().receivedRecords >= lines.length, 40_000);
    await waitFor('every entry', () => entries.length >= lines.length);
    assert.equal(session.stats().malformed, 0);
    assert.equal(entries.length, lines.length);
    assert.equal(session.stats().receivedBytes, size - lines.length); // without the line breaks
    const names = deviceNames(entries);
    assert.equal(names[0], 'wks-0');
    assert.equal(names[names.length - 1], `wks-${lines.length - 1}`);
  });

  it('decodes a piece a slice at a time, letting the event loop turn between slices (the host thread is never held for a piece)', async () => {
    const hour = floorHour(Date.now());
    const records = Array.from({ length: 400 }, (_, n) => storageRecord(T, n));
    await ctx.writer.appendRecords(T, hour, records);
    // Counts turns of the event loop while the tail catches up (one piece: all 400 lines).
    let turns = 0;
    let spinning = true;
    const spin = (): void => {
      turns++;
      if (spinning) setImmediate(spin);
    };
    setImmediate(spin);
    const { session, entries } = tail({ tables: [T], start: { kind: 'earliest' }, sliceLines: 50 });
    const pipeline = (session as unknown as { pipeline: TailPipeline }).pipeline;
    const ingest = pipeline.ingest.bind(pipeline);
    const calls: { events: number; turn: number }[] = [];
    pipeline.ingest = (partitionId, events) => {
      calls.push({ events: events.length, turn: turns });
      return ingest(partitionId, events);
    };
    try {
      await waitFor('every record', () => entries.length >= records.length);
    } finally {
      spinning = false;
    }
    assert.deepEqual(
      deviceNames(entries),
      records.map((_, n) => `wks-${n}`),
    );
    assert.deepEqual(
      calls.map((c) => c.events),
      [50, 50, 50, 50, 50, 50, 50, 50],
    );
    for (let i = 1; i < calls.length; i++)
      assert.ok(calls[i].turn > calls[i - 1].turn, `the event loop turned before slice ${i + 1}: ${JSON.stringify(calls)}`);
  });

  it('reports a deleted blob as reconnecting and reads it again when it is written anew', async () => {
    const hour = floorHour(Date.now());
    await ctx.writer.appendRecords(T, hour, [storageRecord(T, 1)]);
    const { session, entries, states } = tail({ tables: [T], start: { kind: 'earliest' } });
    await waitFor('the first record', () => entries.length >= 1);
    await ctx.writer.deleteBlob(T, hour);
    await waitFor('reconnecting', () => session.state.kind === 'reconnecting');
    const state = session.state;
    assert.match(state.kind === 'reconnecting' ? state.lastError : '', /is gone \(404\)/);
    await ctx.writer.appendRecords(T, hour, [storageRecord(T, 2)]);
    await waitFor('live again', () => session.state.kind === 'live' && entries.length >= 2);
    assert.deepEqual(deviceNames(entries), ['wks-1', 'wks-2']);
    assert.ok(states.some((s) => s.kind === 'reconnecting'));
  });

  it('stops at once with the wording of a wrong key', async () => {
    const wrong = parseStorageConnection(
      ctx.azurite.connectionString.replace(/AccountKey=[^;]+/, `AccountKey=${Buffer.alloc(64, 9).toString('base64')}`),
    );
    const { session } = tail({ account: wrong, store: () => createBlobStore(wrong), tables: [T] });
    await assert.rejects(session.whenLive(), /account key was rejected/);
    assert.equal(session.state.kind, 'failed');
  });

  it('retries throttling and server errors without losing or repeating a record', async () => {
    const hour = floorHour(Date.now());
    await ctx.writer.appendRecords(T, hour, [storageRecord(T, 1)]);
    const real = await createBlobStore(ctx.account);
    let failures = 0;
    const flaky: BlobStore = {
      listContainers: (p) => real.listContainers(p),
      listLevel: (c, p) => real.listLevel(c, p),
      properties: (c, b) => real.properties(c, b),
      read: async (c, b, o, n) => {
        if (failures > 0) {
          failures--;
          throw Object.assign(new Error('Operations per second is over the account limit.'), {
            statusCode: failures % 2 === 0 ? 503 : 500,
            details: { errorCode: failures % 2 === 0 ? 'ServerBusy' : 'InternalError' },
          });
        }
        return real.read(c, b, o, n);
      },
    };
    const { session, entries, states } = tail({ tables: [T], start: { kind: 'earliest' }, store: flaky });
    await waitFor('the first record', () => entries.length >= 1);
    failures = 4;
    await ctx.writer.appendRecords(T, hour, [storageRecord(T, 2), storageRecord(T, 3)]);
    await waitFor('the appended records', () => entries.length >= 3);
    assert.deepEqual(deviceNames(entries), ['wks-1', 'wks-2', 'wks-3']);
    assert.ok(states.some((s) => s.kind === 'reconnecting' && /busy|server error/.test(s.lastError)));
    await waitFor('live', () => session.state.kind === 'live');
  });

  it('resumes where a tail left off: each table and tenant after the last line delivered, in its newest blob; others from the start', async () => {
    const hour = floorHour(Date.now());
    const other = '99999999-2222-3333-4444-555555555555';
    const old = Array.from({ length: 10 }, (_, i) => storageRecord(T, i));
    await ctx.writer.appendRecords(T, hour - 2 * HOUR_MS, [storageRecord(T, 100)]);
    await ctx.writer.appendRecords(T, hour - HOUR_MS, old);
    await ctx.writer.appendRecords(T, hour, [storageRecord(T, 10), storageRecord(T, 11)]);
    await ctx.writer.appendRecords(T, hour, [storageRecord(T, 50)], other);
    // Where line 6 of the last hour's blob starts: the last line the earlier tail delivered from it.
    const lines = old.map((r) => Buffer.byteLength(JSON.stringify(r)) + 1);
    const sixth = lines.slice(0, 6).reduce((a, b) => a + b, 0);
    const key = (h: number) => `${containerOfTable(T)}/${hourBlobPath(TENANT, h)}`;
    const { session, entries } = tail({
      tables: [T],
      start: { kind: 'earliest' },
      // The older blob's position is superseded by the newer one's.
      resumeAfter: { [key(hour - 2 * HOUR_MS)]: 0, [key(hour - HOUR_MS)]: sixth },
    });
    await waitFor('the rest of both tenants', () => entries.length >= 6);
    await session.whenLive();
    await ctx.writer.appendRecords(T, hour, [storageRecord(T, 12)]);
    await waitFor('the appended record', () => entries.length >= 7);
    const ofTenant = (t: string) => deviceNames(entries.filter((e) => e.partitionId.includes(`tenantId=${t}/`)));
    assert.deepEqual(ofTenant(TENANT), ['wks-7', 'wks-8', 'wks-9', 'wks-10', 'wks-11', 'wks-12']);
    assert.deepEqual(ofTenant(other), ['wks-50']); // no position: from the tail's start (earliest)
  });

  it('follows each tenant of a container', async () => {
    const hour = floorHour(Date.now());
    const other = '99999999-2222-3333-4444-555555555555';
    await ctx.writer.appendRecords(T, hour, [storageRecord(T, 1)]);
    await ctx.writer.appendRecords(T, hour, [storageRecord(T, 2)], other);
    const { entries } = tail({ tables: [T], start: { kind: 'earliest' } });
    await waitFor('both tenants', () => entries.length >= 2);
    assert.deepEqual(new Set(entries.map((e) => e.partitionId.split('/')[1])), new Set([`tenantId=${TENANT}`, `tenantId=${other}`]));
  });
});
