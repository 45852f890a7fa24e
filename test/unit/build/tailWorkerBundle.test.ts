import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startLocalHub, type LocalHubServer } from '../../../src/localHub/index';
import type { TailEntry, TailSession } from '../../../src/tail/types';
import { createWorkerStorageTailSession, createWorkerTailSession } from '../../../src/tail/worker/workerTailSession';
import { parseStorageConnection } from '../../../src/storage/account';
import { containerOfTable, hourBlobPath } from '../../../src/storage/layout';
import { startAzurite, type Azurite } from '../../support/azurite';

const root = path.resolve(__dirname, '..', '..', '..');
const workerFile = path.join(root, 'dist', 'tailWorker.js');

/** The `N` of the first `count` records the session delivers (within 20 s), checked against its stats; then stops it. */
async function numbersOf(session: TailSession, count: number): Promise<number[]> {
  const entries: TailEntry[] = [];
  session.onEntries((batch) => entries.push(...batch));
  try {
    const deadline = Date.now() + 20_000;
    while (entries.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
    assert.equal(entries.length, count);
    assert.equal(session.stats().receivedRecords, count);
    return entries.map((e) => (e.type === 'record' ? (e.record.properties as { N: number }).N : -1));
  } finally {
    await session.stop();
  }
}

describe('build: the tail worker bundle (dist/tailWorker.js, what the extension starts)', function () {
  this.timeout(120_000);
  let hub: LocalHubServer | undefined;
  let azurite: Azurite | undefined;

  before(() => {
    const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
  });
  after(async () => {
    await hub?.stop();
    await azurite?.stop();
  });

  it('loads the Event Hubs SDK from dist/lazy, as the extension does, instead of bundling it again', () => {
    const bundle = readFileSync(workerFile, 'utf8');
    assert.ok(bundle.includes('require("./lazy/event-hubs.js")'), 'no lazy require of event-hubs');
    assert.ok(!bundle.includes('rhea-promise'), 'dist/tailWorker.js bundles the AMQP client');
    assert.ok(bundle.includes('require("./lazy/storage-blob.js")'), 'no lazy require of storage-blob');
    assert.ok(!bundle.includes('StorageSharedKeyCredentialPolicy'), 'dist/tailWorker.js bundles the Storage SDK');
  });

  it('tails a local hub from its own thread', async () => {
    hub = await startLocalHub({ hubs: [{ name: 'bundle-hub', partitionCount: 2 }] });
    for (let i = 0; i < 8; i++) {
      const body = Buffer.from(JSON.stringify({ records: [{ category: 'AdvancedHunting-DeviceEvents', properties: { N: i } }] }));
      hub.append('bundle-hub', [{ body }], String(i % 2));
    }
    const session = createWorkerTailSession(
      {
        configId: 'bundle',
        label: 'bundle',
        namespaceHost: `127.0.0.1:${hub.port}`,
        hubName: 'bundle-hub',
        consumerGroup: '$Default',
        auth: { kind: 'connectionString', connectionString: hub.connectionStringFor('bundle-hub') },
      },
      { start: { kind: 'earliest' } },
      { workerFile },
    );
    // Bytes sent as bytes take the fast path: text records, read from the batch's moved buffer.
    assert.deepEqual((await numbersOf(session, 8)).sort(), [0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("tails a storage account's hour blob from its own thread, the Storage SDK loaded from dist/lazy", async () => {
    azurite = await startAzurite();
    const { BlobServiceClient } = await import('@azure/storage-blob');
    const container = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(containerOfTable('DeviceEvents'));
    await container.createIfNotExists();
    const blob = container.getAppendBlobClient(hourBlobPath('t1', Date.now()));
    await blob.createIfNotExists();
    const text = Array.from(
      { length: 6 },
      (_, n) => JSON.stringify({ category: 'AdvancedHunting-DeviceEvents', properties: { N: n } }) + '\n',
    ).join('');
    await blob.appendBlock(text, Buffer.byteLength(text));
    const account = parseStorageConnection(azurite.connectionString);
    const session = createWorkerStorageTailSession(
      { account, label: 'bundle', tables: ['DeviceEvents'], reopen: async () => account },
      { start: { kind: 'earliest' } },
      { workerFile },
    );
    assert.deepEqual(await numbersOf(session, 6), [0, 1, 2, 3, 4, 5]);
  });
});
