import assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/runCli';
import { isStorageTail, STORAGE_CONNECTION_STRING_ENV } from '../../../src/cli/storageTail';
import { floorHour, HOUR_MS } from '../../../src/storage/layout';
import { startAzurite, type Azurite } from '../../support/azurite';
import { capture } from '../cli/captureIo';
import { ExportWriter, storageRecord } from './support';

describe('defender-stream tail --storage-connection-string (against Azurite)', function () {
  this.timeout(60_000);
  let azurite: Azurite;
  let writer: ExportWriter;

  before(async () => {
    azurite = await startAzurite();
    writer = new ExportWriter(azurite);
    const hour = floorHour(Date.now());
    await writer.appendRecords('DeviceProcessEvents', hour - HOUR_MS, [
      storageRecord('DeviceProcessEvents', 1),
      storageRecord('DeviceProcessEvents', 2),
    ]);
    await writer.appendRecords('EmailEvents', hour, [storageRecord('EmailEvents', 3, undefined, { Subject: 'Quarterly report' })]);
    await writer.append('DeviceProcessEvents', hour, JSON.stringify(storageRecord('DeviceProcessEvents', 4)) + '\n{"broken":\n');
  });
  after(async () => {
    await azurite?.stop();
  });

  it('prints every retained record from the oldest hour as NDJSON, then stops at --limit', async () => {
    const io = capture();
    const code = await runCli(
      [
        'tail',
        '--storage-connection-string',
        azurite.connectionString,
        '--from',
        'earliest',
        '--limit',
        '4',
        '--json',
        '--poll-interval',
        '1',
      ],
      io,
    );
    assert.equal(code, 0, io.err);
    const lines = io.out
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as { table: string; partitionId: string; sequenceNumber: number; record: { properties: { DeviceName: string } } },
      );
    assert.equal(lines.length, 4);
    assert.deepEqual(lines.map((l) => l.record.properties.DeviceName).sort(), ['wks-1', 'wks-2', 'wks-3', 'wks-4']);
    const first = lines.find((l) => l.record.properties.DeviceName === 'wks-2');
    assert.equal(first?.table, 'DeviceProcessEvents');
    assert.match(
      first?.partitionId ?? '',
      /^insights-logs-advancedhunting-deviceprocessevents\/tenantId=[^/]+\/y=\d{4}\/m=\d\d\/d=\d\d\/h=\d\d\/m=00\/PT1H\.json$/,
    );
    assert.ok((first?.sequenceNumber ?? 0) > 0, 'the byte offset of the second line');
    // The key is never printed, the command line warning is.
    assert.ok(!io.out.includes('Eby8vdM') && !io.err.includes('Eby8vdM'), io.err);
    assert.match(io.err, /warning: a connection string or key on the command line/);
    assert.match(io.err, /malformed line \d{4}-\d\d-\d\dT\d\dZ\+\d+ \(not-json\)/);
    assert.match(io.err, /-- 4 records in 5 lines/);
  });

  it('reads the environment variable, filters by --tables and --grep, and prints readable lines', async () => {
    const io = capture();
    const env: NodeJS.ProcessEnv = { ...process.env, [STORAGE_CONNECTION_STRING_ENV]: azurite.connectionString };
    delete env.DEFENDER_STREAM_CONNECTION_STRING;
    const saved = process.env[STORAGE_CONNECTION_STRING_ENV];
    process.env[STORAGE_CONNECTION_STRING_ENV] = azurite.connectionString;
    try {
      assert.equal(isStorageTail(['--from', 'earliest'], env), true);
      const code = await runCli(
        ['tail', '--from', 'earliest', '--tables', 'emailevents', '--grep', 'quarterly', '--limit', '1', '--poll-interval', '1'],
        io,
      );
      assert.equal(code, 0, io.err);
    } finally {
      if (saved === undefined) delete process.env[STORAGE_CONNECTION_STRING_ENV];
      else process.env[STORAGE_CONNECTION_STRING_ENV] = saved;
    }
    assert.match(io.out, /^2026-12-01T10:00:00\.000Z\s+EmailEvents\s+.*\[\d{4}-\d\d-\d\dT\d\dZ\+0\]\n$/);
    assert.ok(!io.err.includes('warning'), io.err);
  });

  it('exits 1 with the wording of a wrong key, and 2 for a key sent elsewhere', async () => {
    const wrong = azurite.connectionString.replace(/AccountKey=[^;]+/, `AccountKey=${Buffer.alloc(64, 3).toString('base64')}`);
    const io = capture();
    assert.equal(await runCli(['tail', '--storage-connection-string', wrong, '--duration', '20'], io), 1);
    assert.match(io.err, /defender-stream tail: The account key was rejected by "devstoreaccount1" \(403 AuthenticationFailed\)/);
    assert.ok(!io.err.includes(Buffer.alloc(64, 3).toString('base64')));
    const elsewhere = capture();
    const code = await runCli(
      ['tail', '--storage-connection-string', 'AccountName=contoso01;AccountKey=abcd;BlobEndpoint=https://evil.example.com/'],
      elsewhere,
    );
    assert.equal(code, 2);
    assert.match(elsewhere.err, /blob endpoint must be https:\/\/<account>\.blob\.core\.windows\.net/);
  });
});
