import assert from 'node:assert/strict';
import { planCapacity } from '../../../src/capacity/capacityPlan';
import { parseStorageConnection, type StorageAccount } from '../../../src/storage/account';
import type { BlobStore } from '../../../src/storage/blobStore';
import { floorHour, HOUR_MS, hourBlobPath } from '../../../src/storage/layout';
import { createBlobStore } from '../../../src/storage/sdkBlobStore';
import { countLines, measureStorageCapacity, storageCapacityReport } from '../../../src/storage/storageCapacity';
import { startAzurite, type Azurite } from '../../support/azurite';
import { ensureBuiltCli, runBuiltCli } from '../cli/builtCliSupport';
import { ExportWriter, storageRecord, TENANT } from './support';

/** NDJSON of `count` records of `table`, and its size in bytes. */
function ndjson(table: string, count: number, from = 0): { text: string; bytes: number } {
  const text = Array.from({ length: count }, (_, i) => JSON.stringify(storageRecord(table, from + i)) + '\n').join('');
  return { text, bytes: Buffer.byteLength(text) };
}

describe('capacity from the blob sizes of a Storage export (Azurite)', function () {
  this.timeout(120_000);
  let azurite: Azurite;
  let writer: ExportWriter;
  let account: StorageAccount;
  let store: BlobStore;
  const now = floorHour(Date.now()) + 20 * 60_000;
  const hour = floorHour(now);
  /** Bytes and records written per table within the last three complete hours. */
  const expected = { DeviceProcessEvents: { bytes: 0, records: 0 }, EmailEvents: { bytes: 0, records: 0 } };

  before(async () => {
    azurite = await startAzurite();
    writer = new ExportWriter(azurite);
    account = parseStorageConnection(azurite.connectionString);
    store = await createBlobStore(account);
    const write = async (table: 'DeviceProcessEvents' | 'EmailEvents', at: number, count: number, tenant?: string, counted = true) => {
      const { text, bytes } = ndjson(table, count);
      await writer.append(table, at, text, tenant);
      if (counted) {
        expected[table].bytes += bytes;
        expected[table].records += count;
      }
    };
    await write('DeviceProcessEvents', hour - HOUR_MS, 120);
    await write('DeviceProcessEvents', hour - 3 * HOUR_MS, 30);
    await write('DeviceProcessEvents', hour - 2 * HOUR_MS, 7, '99999999-2222-3333-4444-555555555555'); // a second tenant
    await write('EmailEvents', hour - 2 * HOUR_MS, 45);
    await write('DeviceProcessEvents', hour - 4 * HOUR_MS, 1000, undefined, false); // before the window
    await write('DeviceProcessEvents', hour, 500, undefined, false); // the current hour: not complete, not counted
    await writer.container('DeviceNetworkEvents'); // empty: left out
  });
  after(async () => {
    await azurite?.stop();
  });

  it('counts lines with ranged reads, a last line without its break included', async () => {
    const { text, bytes } = ndjson('AlertInfo', 50);
    await writer.append('AlertInfo', hour, text + '{"cut":');
    const blob = hourBlobPath(TENANT, hour);
    const reads: number[] = [];
    const counting: BlobStore = {
      ...store,
      read: (c, b, o, n) => {
        reads.push(n);
        return store.read(c, b, o, n);
      },
    };
    assert.equal(await countLines(counting, 'insights-logs-advancedhunting-alertinfo', blob, bytes + 7, 1024), 51);
    assert.ok(reads.length > 5 && reads.every((n) => n <= 1024), 'pieces of at most 1 KiB');
    await writer.service.getContainerClient('insights-logs-advancedhunting-alertinfo').delete();
  });

  it('measures the chosen hours: exact bytes from blob sizes, records from lines, per table, as the report takes it', async () => {
    const progress: Array<{ table: string; fraction: number; records: number }> = [];
    const result = await measureStorageCapacity(store, { hours: 3, now, readChunkBytes: 4096, onProgress: (p) => progress.push(p) });
    assert.equal(result.seconds, 3 * 3600);
    // Progress after each hour looked at: growing to 1, with the records counted so far.
    assert.ok(progress.length >= 6, JSON.stringify(progress));
    for (let i = 1; i < progress.length; i++) assert.ok(progress[i]!.fraction >= progress[i - 1]!.fraction);
    assert.equal(progress.at(-1)!.fraction, 1);
    assert.equal(progress.at(-1)!.records, 157 + 45);
    assert.equal(result.startedAt, hour - 3 * HOUR_MS);
    assert.deepEqual(
      result.tables.map((t) => [t.table, t.records, t.events, t.bytes, t.seconds]),
      [
        ['DeviceProcessEvents', 157, 157, expected.DeviceProcessEvents.bytes, 10_800],
        ['EmailEvents', 45, 45, expected.EmailEvents.bytes, 10_800],
      ],
    );
    assert.equal(result.records, 202);
    assert.equal(result.blobs.length, 4);

    const two = await measureStorageCapacity(store, { hours: 2, now, tables: ['DeviceProcessEvents'] });
    const twoBytes = expected.DeviceProcessEvents.bytes - ndjson('DeviceProcessEvents', 30).bytes;
    assert.deepEqual(
      two.tables.map((t) => [t.table, t.records, t.bytes]),
      [['DeviceProcessEvents', 127, twoBytes]],
    );
    const plan = planCapacity(two.tables);
    assert.equal(plan.tables[0].recordsPerSecond, 127 / (2 * 3600));
    assert.equal(plan.tables[0].avgRecordBytes, twoBytes / 127);

    const report = storageCapacityReport(account, two);
    assert.match(
      report,
      /^# Measured capacity: devstoreaccount1 \(Storage export, 2 hours\)\n\nFrom 2 hour blobs of Defender's Storage export/,
    );
    assert.match(report, /Measured for 7,200 s from .*: 127 events, 127 records/);
    assert.match(report, /## Single-hub mode/);
    assert.match(report, /"DeviceProcessEvents", \d+/); // the measured-bytes query
    await assert.rejects(measureStorageCapacity(store, { hours: 0 }), /whole number from 1/);
  });

  it('defender-stream capacity prints the same report through the real CLI (connection string on stdin)', async () => {
    ensureBuiltCli();
    // The window ends where the hour of `before` ends (--end): the same hours however late this runs.
    const end = new Date(hour).toISOString();
    const run = runBuiltCli(['capacity', '--storage-connection-string', '-', '--hours', '2', '--end', end, '--tables', 'emailevents'], {
      input: `${azurite.connectionString}\n`,
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /^# Measured capacity: devstoreaccount1 \(Storage export, 2 hours\)/);
    assert.match(run.stdout, /\| `EmailEvents` \|/);
    assert.doesNotMatch(run.stdout, /DeviceProcessEvents/);
    assert.ok(!run.stdout.includes(azurite.connectionString.match(/AccountKey=([^;]+)/)?.[1] ?? '(none)'));

    const json = runBuiltCli(['capacity', '--json', '--hours', '48', '--end', new Date(hour + HOUR_MS).toISOString()], {
      env: { DEFENDER_STREAM_STORAGE_CONNECTION_STRING: azurite.connectionString },
    });
    assert.equal(json.status, 0, json.stderr);
    const parsed = JSON.parse(json.stdout) as {
      measurement: { records: number };
      plan: { singleHub: { sizing: { throughputUnits: number } } };
    };
    // Every hour of the two days up to the end of `hour`: the hour before the window too, and `hour` itself.
    assert.equal(parsed.measurement.records, 120 + 30 + 7 + 45 + 1000 + 500);
    assert.equal(parsed.plan.singleHub.sizing.throughputUnits, 1);

    const wrongKey = runBuiltCli(['capacity'], {
      env: {
        DEFENDER_STREAM_STORAGE_CONNECTION_STRING: azurite.connectionString.replace(
          /AccountKey=[^;]+/,
          `AccountKey=${Buffer.alloc(64, 3).toString('base64')}`,
        ),
      },
    });
    assert.equal(wrongKey.status, 1);
    assert.match(
      wrongKey.stderr,
      /defender-stream capacity: The account key was rejected by "devstoreaccount1" \(403 AuthenticationFailed\)/,
    );
    const usage = runBuiltCli(['capacity', '--hours', '0'], {
      env: { DEFENDER_STREAM_STORAGE_CONNECTION_STRING: azurite.connectionString },
    });
    assert.equal(usage.status, 2);
    assert.match(usage.stderr, /"--hours" needs a whole number of at least 1/);
    const badEnd = runBuiltCli(['capacity', '--end', 'yesterday'], {
      env: { DEFENDER_STREAM_STORAGE_CONNECTION_STRING: azurite.connectionString },
    });
    assert.equal(badEnd.status, 2);
    assert.match(badEnd.stderr, /"--end" must be an ISO time/);
  });
});
