// What the Storage Accounts view lists, level by level, against the real Azurite emulator: only the export's
// containers (as table names), then UTC days and hours newest first across tenants, then the hour blobs with
// their sizes; and a blob read in ranges as a bounded NDJSON document.
import assert from 'node:assert/strict';
import { parseStorageConnection } from '../../../src/storage/account';
import type { BlobStore } from '../../../src/storage/blobStore';
import { readBlobText } from '../../../src/storage/blobText';
import { describeStorageProblem } from '../../../src/storage/errors';
import { listExportDays, listExportHourBlobs, listExportHours, listExportTables } from '../../../src/storage/exportTree';
import { hourBlobPath, HOUR_MS } from '../../../src/storage/layout';
import { createBlobStore } from '../../../src/storage/sdkBlobStore';
import { startAzurite, type Azurite } from '../../support/azurite';
import { ExportWriter, storageRecord, TENANT } from './support';

const OTHER_TENANT = '99999999-8888-7777-6666-555555555555';
const DAY1 = Date.UTC(2026, 10, 30);
const DAY2 = Date.UTC(2026, 11, 1);

describe('Storage export tree against Azurite', function () {
  this.timeout(60_000);
  let azurite: Azurite;
  let writer: ExportWriter;
  let store: BlobStore;

  before(async () => {
    azurite = await startAzurite();
    writer = new ExportWriter(azurite);
    store = await createBlobStore(parseStorageConnection(azurite.connectionString));
    const records = (table: string, n: number) => Array.from({ length: n }, (_, i) => storageRecord(table, i));
    await writer.appendRecords('DeviceProcessEvents', DAY1 + 23 * HOUR_MS, records('DeviceProcessEvents', 2));
    await writer.appendRecords('DeviceProcessEvents', DAY2 + 9 * HOUR_MS, records('DeviceProcessEvents', 3));
    await writer.appendRecords('DeviceProcessEvents', DAY2 + 10 * HOUR_MS, records('DeviceProcessEvents', 4));
    await writer.appendRecords('DeviceProcessEvents', DAY2 + 10 * HOUR_MS, records('DeviceProcessEvents', 1), OTHER_TENANT);
    await writer.appendRecords('AlertInfo', DAY2 + 8 * HOUR_MS, records('AlertInfo', 1));
    await writer.append('ContosoCustomEvents', DAY2, '{}\n');
    // Not the export's: another container, and a blob of another form inside an export container.
    await writer.service.getContainerClient('backups').createIfNotExists();
    await writer.service
      .getContainerClient('insights-logs-advancedhunting-alertinfo')
      .getAppendBlobClient('readme.txt')
      .createIfNotExists();
  });
  after(async () => {
    await azurite?.stop();
  });

  it('lists the export containers as tables (the catalog name, or the container rest when unknown), no other container', async () => {
    assert.deepEqual(await listExportTables(store), [
      { container: 'insights-logs-advancedhunting-alertinfo', table: 'AlertInfo', known: true },
      { container: 'insights-logs-advancedhunting-contosocustomevents', table: 'contosocustomevents', known: false },
      { container: 'insights-logs-advancedhunting-deviceprocessevents', table: 'DeviceProcessEvents', known: true },
    ]);
  });

  it('lists days, then hours, newest first with their tenants, then the hour blobs with size and last write', async () => {
    const container = 'insights-logs-advancedhunting-deviceprocessevents';
    const days = await listExportDays(store, container);
    assert.deepEqual(days, [
      { start: DAY2, tenants: [TENANT, OTHER_TENANT].sort() },
      { start: DAY1, tenants: [TENANT] },
    ]);
    const hours = await listExportHours(store, container, DAY2, days[0].tenants);
    assert.deepEqual(hours, [
      { start: DAY2 + 10 * HOUR_MS, tenants: [TENANT, OTHER_TENANT].sort() },
      { start: DAY2 + 9 * HOUR_MS, tenants: [TENANT] },
    ]);
    const blobs = await listExportHourBlobs(store, container, hours[0].start, hours[0].tenants);
    assert.deepEqual(
      blobs.map((b) => [b.tenantId, b.name]),
      [TENANT, OTHER_TENANT].sort().map((t) => [t, hourBlobPath(t, DAY2 + 10 * HOUR_MS)]),
    );
    const mine = blobs.find((b) => b.tenantId === TENANT)!;
    const expected = Array.from({ length: 4 }, (_, i) => JSON.stringify(storageRecord('DeviceProcessEvents', i)) + '\n').join('');
    assert.equal(mine.size, Buffer.byteLength(expected));
    assert.ok(Math.abs(mine.lastModified - Date.now()) < 10 * 60_000);
  });

  it('opens a blob as its lines (no note), or its first lines with a note when cut', async () => {
    const container = 'insights-logs-advancedhunting-deviceprocessevents';
    const path = hourBlobPath(TENANT, DAY2 + 10 * HOUR_MS);
    const whole = await readBlobText(store, container, path, { maxLines: 100, chunkBytes: 50 });
    assert.equal(whole.cut, false);
    assert.deepEqual(
      whole.text.split('\n').map((l) => (JSON.parse(l) as { properties: { DeviceName: string } }).properties.DeviceName),
      ['wks-0', 'wks-1', 'wks-2', 'wks-3'],
    );
    const cut = await readBlobText(store, container, path, { maxLines: 2 });
    assert.equal(cut.cut, true);
    const lines = cut.text.split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^\/\/ Cut: the first 2 lines \(0\.5 KB of 1\.1 KB\) .*openMaxLines is 2\)/);
  });

  it('words a missing blob as gone (404)', async () => {
    const account = parseStorageConnection(azurite.connectionString);
    const container = 'insights-logs-advancedhunting-alertinfo';
    const blob = hourBlobPath(TENANT, DAY1);
    const error = await readBlobText(store, container, blob, { maxLines: 10 }).catch((e: unknown) => e);
    assert.equal(describeStorageProblem(error, account, { container, blob }).code, 'blobNotFound');
  });
});
