import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startLocalHub, type LocalHubServer } from '../../../src/localHub/index';
import type { TailEntry } from '../../../src/tail/types';
import { createWorkerTailSession } from '../../../src/tail/worker/workerTailSession';

const root = path.resolve(__dirname, '..', '..', '..');
const workerFile = path.join(root, 'dist', 'tailWorker.js');

describe('build: the tail worker bundle (dist/tailWorker.js, what the extension starts)', function () {
  this.timeout(120_000);
  let hub: LocalHubServer | undefined;

  before(() => {
    const result = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, encoding: 'utf8' });
    assert.equal(result.status, 0, result.stderr);
  });
  after(async () => hub?.stop());

  it('loads the Event Hubs SDK from dist/lazy, as the extension does, instead of bundling it again', () => {
    const bundle = readFileSync(workerFile, 'utf8');
    assert.ok(bundle.includes('require("./lazy/event-hubs.js")'), 'no lazy require of event-hubs');
    assert.ok(!bundle.includes('rhea-promise'), 'dist/tailWorker.js bundles the AMQP client');
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
    const entries: TailEntry[] = [];
    session.onEntries((batch) => entries.push(...batch));
    try {
      const deadline = Date.now() + 20_000;
      while (entries.length < 8 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
      assert.equal(entries.length, 8);
      // Bytes sent as bytes take the fast path: text records, read from the batch's moved buffer.
      assert.deepEqual(
        entries.map((e) => (e.type === 'record' ? (e.record.properties as { N: number }).N : -1)).sort(),
        [0, 1, 2, 3, 4, 5, 6, 7],
      );
      assert.equal(session.stats().receivedRecords, 8);
    } finally {
      await session.stop();
    }
  });
});
