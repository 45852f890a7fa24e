import assert from 'node:assert/strict';
import { parseConnectionString } from '../../../src/core/connection/connectionString';
import { secretKeyFor } from '../../../src/config/ids';
import { decodeSecret, encodeSecret } from '../../../src/config/secret';
import { HubConfigStore } from '../../../src/config/store';
import { buildTarget, HubConfigError } from '../../../src/hubs/targets';
import type { HubConfigEntry } from '../../../src/config/types';
import { entry, MemorySecrets, MemorySettings } from './memoryPorts';

const KEY = 'dGhpcy1pcy10aGUtc2VjcmV0LWtleS0wMTIzNDU2Nzg5';

describe('config: store (settings + secrets)', () => {
  it('adds an entry: non-secret fields to settings, the key to secret storage under the id', async () => {
    const settings = new MemorySettings();
    const secrets = new MemorySecrets();
    const store = new HubConfigStore(settings, secrets);
    await store.add(entry(), { sharedAccessKey: KEY });
    assert.ok(!JSON.stringify(settings.value).includes(KEY));
    assert.deepEqual([...secrets.map.keys()], [secretKeyFor('soc-1')]);
    assert.deepEqual(store.load().entries, [{ ...entry(), useDevelopmentEmulator: undefined }]);
    assert.deepEqual(await store.getSecret('soc-1'), {
      sharedAccessKey: KEY,
      sharedAccessSignature: undefined,
      endpoint: 'amqps://contoso-soc.servicebus.windows.net',
    });
  });

  it('merges settings and secret into a connection string per hub', async () => {
    const store = new HubConfigStore(new MemorySettings(), new MemorySecrets());
    await store.add(
      entry({ hubs: ['insights-logs-advancedhunting-deviceevents', 'insights-logs-advancedhunting-alertinfo'], mode: 'perTable' }),
      { sharedAccessKey: KEY },
    );
    const e = store.get('soc-1') as HubConfigEntry;
    const target = buildTarget(e, 'insights-logs-advancedhunting-alertinfo', await store.getSecret(e.id));
    assert.equal(target.table, 'AlertInfo');
    assert.equal(target.label, 'Contoso SOC / insights-logs-advancedhunting-alertinfo');
    assert.equal(target.auth.kind, 'connectionString');
    const cs = parseConnectionString(target.auth.kind === 'connectionString' ? target.auth.connectionString : '');
    assert.equal(cs.host, 'contoso-soc.servicebus.windows.net');
    assert.equal(cs.sharedAccessKeyName, 'ListenPolicy');
    assert.equal(cs.sharedAccessKey, KEY);
    assert.equal(cs.entityPath, 'insights-logs-advancedhunting-alertinfo');
  });

  it('says what to do when the secret is missing, without throwing a secret around', async () => {
    const store = new HubConfigStore(
      new MemorySettings([{ id: 'x', namespaceHost: 'contoso-soc.servicebus.windows.net', hubs: ['h'], sharedAccessKeyName: 'P' }]),
      new MemorySecrets(),
    );
    const e = store.get('x') as HubConfigEntry;
    assert.throws(
      () => buildTarget(e, 'h', undefined),
      (err: Error) => err instanceof HubConfigError && /No key is stored/.test(err.message),
    );
    assert.throws(() => buildTarget(e, 'other', { sharedAccessKey: KEY }), /has no event hub "other"/);
  });

  it('removes an entry and deletes its secret, leaving others untouched', async () => {
    const settings = new MemorySettings();
    const secrets = new MemorySecrets();
    const store = new HubConfigStore(settings, secrets);
    await store.add(entry(), { sharedAccessKey: KEY });
    await store.add(entry({ id: 'soc-2', label: 'Other' }), { sharedAccessKey: 'other-key' });
    assert.equal(await store.remove('soc-1'), true);
    assert.deepEqual(
      store.load().entries.map((e) => e.id),
      ['soc-2'],
    );
    assert.deepEqual([...secrets.map.keys()], [secretKeyFor('soc-2')]);
    assert.equal(await store.remove('soc-1'), false);
  });

  it('keeps hand-written and invalid entries as written when another entry changes', async () => {
    const handWritten = { namespaceHost: 'fabrikam-ns.servicebus.windows.net', hubs: ['h1'], comment: 'mine' };
    const broken = { id: 'broken', hubs: [] };
    const settings = new MemorySettings([handWritten, broken]);
    const store = new HubConfigStore(settings, new MemorySecrets());
    await store.add(entry());
    const raw = settings.value as unknown[];
    assert.deepEqual(raw.slice(0, 2), [handWritten, broken]);
    await store.remove('soc-1');
    assert.deepEqual(settings.value, [handWritten, broken]);
  });

  it('finds and removes an entry without id by its derived id, deleting the secret stored under it', async () => {
    const settings = new MemorySettings([{ namespaceHost: 'fabrikam-ns.servicebus.windows.net', hubs: ['h1'] }]);
    const secrets = new MemorySecrets();
    const store = new HubConfigStore(settings, secrets);
    const id = store.load().entries[0].id;
    await secrets.store(secretKeyFor(id), encodeSecret({ sharedAccessKey: KEY }));
    assert.equal(await store.remove(id), true);
    assert.deepEqual(settings.value, []);
    assert.equal(secrets.map.size, 0);
  });

  it('migrates entries without id by writing the derived id, so a later hub edit keeps the secret', async () => {
    const settings = new MemorySettings([
      { namespaceHost: 'fabrikam-ns.servicebus.windows.net', hubs: ['h1'], sharedAccessKeyName: 'P' },
      { id: 'kept', namespaceHost: 'x-namespace', hubs: ['h'] },
    ]);
    const secrets = new MemorySecrets();
    const store = new HubConfigStore(settings, secrets);
    const id = store.load().entries[0].id;
    await secrets.store(secretKeyFor(id), encodeSecret({ sharedAccessKey: KEY }));
    assert.equal(await store.migrate(), true);
    assert.equal(await store.migrate(), false);
    assert.equal((settings.value as Array<{ id: string }>)[0].id, id);
    // The user now edits the hub list by hand: the id stays, so the secret is still found.
    (settings.value as Array<{ hubs: string[] }>)[0].hubs = ['h1', 'h2'];
    const after = store.load().entries[0];
    assert.equal(after.id, id);
    assert.deepEqual(await store.getSecret(after.id), { sharedAccessKey: KEY, sharedAccessSignature: undefined });
    assert.equal(store.load().entries[1].id, 'kept');
  });

  it('updates an entry in place; switching to Entra ID deletes the key', async () => {
    const settings = new MemorySettings();
    const secrets = new MemorySecrets();
    const store = new HubConfigStore(settings, secrets);
    await store.add(entry(), { sharedAccessKey: KEY });
    await store.add(entry({ id: 'soc-2' }));
    await store.update(entry({ label: 'Renamed', consumerGroup: 'explorer' }));
    assert.equal(store.get('soc-1')?.label, 'Renamed');
    assert.equal(store.get('soc-1')?.consumerGroup, 'explorer');
    assert.deepEqual(
      store.load().entries.map((e) => e.id),
      ['soc-1', 'soc-2'],
    );
    assert.equal(secrets.map.size, 1);
    await store.update(entry({ auth: 'entraId', sharedAccessKeyName: undefined }));
    assert.equal(secrets.map.size, 0);
    await assert.rejects(store.update(entry({ id: 'nope' })), /No hub with id "nope"/);
  });

  it('refuses a duplicate id and rolls the secret back when settings cannot be written', async () => {
    const secrets = new MemorySecrets();
    const store = new HubConfigStore(new MemorySettings(), secrets);
    await store.add(entry(), { sharedAccessKey: KEY });
    await assert.rejects(store.add(entry(), { sharedAccessKey: 'x' }), /already exists/);
    assert.deepEqual(await store.getSecret('soc-1'), {
      sharedAccessKey: KEY,
      sharedAccessSignature: undefined,
      endpoint: 'amqps://contoso-soc.servicebus.windows.net',
    });

    const failing = new HubConfigStore({ read: () => [], write: () => Promise.reject(new Error('read-only settings')) }, secrets);
    await assert.rejects(failing.add(entry({ id: 'soc-9' }), { sharedAccessKey: KEY }), /read-only/);
    assert.equal(await secrets.get(secretKeyFor('soc-9')), undefined);
  });

  it('reads secrets stored as JSON, as a bare key or as a SAS token', () => {
    assert.deepEqual(decodeSecret(encodeSecret({ sharedAccessKey: KEY })), { sharedAccessKey: KEY, sharedAccessSignature: undefined });
    assert.deepEqual(decodeSecret(KEY), { sharedAccessKey: KEY });
    assert.deepEqual(decodeSecret('SharedAccessSignature sr=a&sig=b&se=1&skn=c'), {
      sharedAccessSignature: 'SharedAccessSignature sr=a&sig=b&se=1&skn=c',
    });
    assert.equal(decodeSecret(undefined), undefined);
    assert.equal(decodeSecret('{broken'), undefined);
  });
});
