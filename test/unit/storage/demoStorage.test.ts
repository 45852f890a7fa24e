// The demo's second destination: with Azurite running, the demo hub's traffic also goes there in the
// layout of Defender's Storage export (the real emulator, the real SDK); without one, it says why and the
// demo runs on; never anywhere but a loopback emulator.
import assert from 'node:assert/strict';
import { DemoHubService } from '../../../src/demo/demoHubService';
import { startDemoStorage } from '../../../src/demo/demoStorage';
import { StorageAccountStore } from '../../../src/storage/accountEntries';
import { CONTAINER_PREFIX } from '../../../src/storage/layout';
import { startAzurite, type Azurite } from '../../support/azurite';
import { ExportWriter } from './support';

describe('demo storage (Azurite)', function () {
  this.timeout(60_000);
  let azurite: Azurite;
  const service = new DemoHubService();
  before(async () => {
    azurite = await startAzurite();
  });
  after(async () => {
    await service.stop();
    await azurite?.stop();
  });

  it("writes the demo's traffic to Azurite as Defender's export while the demo runs, and stops with it", async () => {
    const found = await startDemoStorage(azurite.blobEndpoint);
    assert.ok(!('problem' in found), 'problem' in found ? found.problem : '');
    assert.equal(found.account.blobEndpoint, azurite.blobEndpoint);
    await service.start({ rate: 400, seed: 'storage', backlogMessages: 0 });
    service.setMirror(found.mirror);
    const writer = new ExportWriter(azurite);
    const containers = async (): Promise<string[]> => {
      const names: string[] = [];
      for await (const c of writer.service.listContainers({ prefix: CONTAINER_PREFIX })) names.push(c.name);
      return names;
    };
    const deadline = Date.now() + 20_000;
    while ((await containers()).length < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const written = await containers();
    assert.ok(written.length >= 3, JSON.stringify(written));
    assert.ok(written.includes('insights-logs-advancedhunting-deviceprocessevents'), JSON.stringify(written));
    await service.stop();
    assert.ok(found.mirror.stats.records > 0, 'records went to the export');
    const after = found.mirror.stats.records;
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(found.mirror.stats.records, after, 'nothing more once the demo stopped');
  });

  it('without an emulator says why, and refuses any endpoint that is not loopback', async () => {
    const none = await startDemoStorage('http://127.0.0.1:9/devstoreaccount1');
    assert.ok('problem' in none);
    assert.match(none.problem, /./);
    await assert.rejects(startDemoStorage('https://devstoreaccount1.blob.core.windows.net'), /only to a local emulator/);
  });

  it('an ephemeral account is listed first, opened from memory, never written, never removed', async () => {
    let written = 0;
    const settings: unknown[] = [
      { id: 'mine', accountName: 'contoso', blobEndpoint: 'https://contoso.blob.core.windows.net', auth: 'entraId' },
    ];
    const store = new StorageAccountStore(
      { read: () => settings, write: async () => void written++ },
      { get: async () => undefined, store: async () => undefined, delete: async () => undefined },
    );
    const found = await startDemoStorage(azurite.blobEndpoint);
    assert.ok(!('problem' in found));
    await found.mirror.stop();
    const entry = {
      id: 'demo-azurite',
      accountName: 'devstoreaccount1',
      blobEndpoint: azurite.blobEndpoint,
      auth: 'connectionString' as const,
    };
    store.setEphemeral({ entry, account: found.account });
    assert.deepEqual(
      store.load().entries.map((e) => e.id),
      ['demo-azurite', 'mine'],
    );
    assert.equal(await store.account(store.get('demo-azurite')!, () => assert.fail('no credential')), found.account);
    await assert.rejects(store.remove('demo-azurite'), /goes away when the demo hub stops/);
    // A settings entry with its id does not take its place (nor its account).
    settings.push({ id: 'demo-azurite', accountName: 'evil', blobEndpoint: 'https://evil.blob.core.windows.net', auth: 'entraId' });
    assert.deepEqual(
      store.load().entries.map((e) => [e.id, e.accountName]),
      [
        ['demo-azurite', 'devstoreaccount1'],
        ['mine', 'contoso'],
      ],
    );
    store.setEphemeral(undefined);
    assert.deepEqual(
      store.load().entries.map((e) => e.accountName),
      ['contoso', 'evil'],
    );
    assert.equal(written, 0);
  });
});
