import assert from 'node:assert/strict';
import { runCli } from '../../../src/cli/runCli';
import { parseStorageConnection } from '../../../src/storage/account';
import { exportLinesOf } from '../../../src/storage/exportLines';
import { StorageExportMirror } from '../../../src/storage/exportMirror';
import { createBlobAppender, createBlobStore } from '../../../src/storage/sdkBlobStore';
import { StorageTailSession } from '../../../src/storage/storageTailSession';
import type { TailEntry } from '../../../src/tail/types';
import { DefenderTrafficGenerator } from '../../../src/traffic';
import { startAzurite, type Azurite } from '../../support/azurite';
import { capture } from '../cli/captureIo';
import { waitFor } from './support';

describe('the demo traffic in the Storage layout (Azurite)', function () {
  this.timeout(60_000);
  let azurite: Azurite;
  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => {
    await azurite?.stop();
  });

  it('turns a message body into one line per record in its table container', () => {
    const body = JSON.stringify({
      records: [
        { time: 't', tenantId: 'abc-1', category: 'AdvancedHunting-EmailEvents', properties: {} },
        { time: 't', tenantId: '../evil', category: 'AdvancedHunting-DeviceEvents', properties: {} },
        { time: 't', properties: {} },
      ],
    });
    const lines = exportLinesOf(body);
    assert.deepEqual(
      lines.map((l) => [l.container, l.tenantId]),
      [
        ['insights-logs-advancedhunting-emailevents', 'abc-1'],
        ['insights-logs-advancedhunting-deviceevents', 'unknown'],
      ],
    );
    assert.ok(lines.every((l) => l.line.endsWith('}\n') && !l.line.slice(0, -1).includes('\n')));
    assert.deepEqual(exportLinesOf('not json'), []);
  });

  it('writes generated traffic that a Storage tail reads back, record for record', async () => {
    const account = parseStorageConnection(azurite.connectionString);
    const mirror = new StorageExportMirror(await createBlobAppender(account), { flushIntervalMs: 50 });
    const generator = new DefenderTrafficGenerator({ seed: 7 });
    let sent = 0;
    for (let i = 0; i < 30; i++) {
      const m = generator.message();
      sent += m.records;
      mirror.add(m.body);
    }
    await mirror.stop();
    assert.equal(mirror.stats.records, sent);
    const session = new StorageTailSession({
      account,
      store: () => createBlobStore(account),
      start: { kind: 'earliest' },
      pollIntervalMs: 50,
    });
    const entries: TailEntry[] = [];
    session.onEntries((batch) => entries.push(...batch));
    try {
      await waitFor('every record', () => entries.length >= sent);
      assert.equal(session.stats().malformed, 0);
      assert.equal(entries.length, sent);
    } finally {
      await session.stop();
    }
  });

  it('local-hub --azurite mirrors its traffic, and says how to get Azurite when none runs', async () => {
    const controller = new AbortController();
    const io = Object.assign(capture(), { signal: controller.signal });
    const running = runCli(['local-hub', '--rate', '200', '--azurite-endpoint', azurite.blobEndpoint], io);
    let containers: string[] = [];
    try {
      const account = parseStorageConnection(azurite.connectionString);
      const store = await createBlobStore(account);
      await waitFor('the banner', () => io.out.includes('Press Ctrl+C'));
      assert.match(io.out, /Storage: the same traffic goes to Azurite at http:\/\/127\.0\.0\.1:\d+\/devstoreaccount1/);
      const deadline = Date.now() + 15_000;
      while (containers.length < 3 && Date.now() < deadline) {
        containers = await store.listContainers('insights-logs-advancedhunting-');
        await new Promise((r) => setTimeout(r, 200));
      }
    } finally {
      controller.abort();
    }
    assert.equal(await running, 0);
    assert.ok(containers.length >= 3, containers.join());

    const none = Object.assign(capture(), { signal: AbortSignal.abort() });
    assert.equal(await runCli(['local-hub', '--rate', '0', '--azurite-endpoint', 'http://127.0.0.1:9/devstoreaccount1'], none), 0);
    assert.match(none.out, /Storage: not written \(The connection to 127\.0\.0\.1:9 was refused.*npx azurite-blob/);
    const remote = capture();
    assert.equal(await runCli(['local-hub', '--azurite-endpoint', 'https://contoso01.blob.core.windows.net'], remote), 2);
  });
});
