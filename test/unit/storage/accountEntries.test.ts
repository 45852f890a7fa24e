// The configured storage accounts: settings entries hold no secret, the pasted connection string is kept in
// secret storage bound to its blob endpoint, and an entry edited to name another endpoint cannot obtain it.
import assert from 'node:assert/strict';
import { DEV_ACCOUNT_KEY } from '../../../src/storage/account';
import {
  newStorageEntryId,
  parseStorageEntries,
  serializeStorageEntry,
  StorageAccountStore,
  storageSecretKey,
  type StorageAccountEntry,
} from '../../../src/storage/accountEntries';
import { storageAccountUrlProblem, storageConnectionProblem } from '../../../src/storage/accountInput';
import { userSettingsPort } from '../../../src/config/userSettingsPort';
import { MemorySecrets, MemorySettings } from '../config/memoryPorts';

const KEY = 'c3RvcmFnZS1lbnRyaWVzLXRlc3Qta2V5LTEyMzQ1Njc4OTA=';
const CONNECTION = `DefaultEndpointsProtocol=https;AccountName=contosoexport;AccountKey=${KEY};EndpointSuffix=core.windows.net`;
const SAS_URL =
  'https://contosoexport.blob.core.windows.net/?sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2030-01-01&sig=c2lnbmF0dXJlLXNlY3JldA%3D%3D';
const noCredential = () => ({ getToken: async () => null });

function entry(overrides: Partial<StorageAccountEntry> = {}): StorageAccountEntry {
  return {
    id: 'contoso-1',
    accountName: 'contosoexport',
    blobEndpoint: 'https://contosoexport.blob.core.windows.net',
    auth: 'connectionString',
    ...overrides,
  };
}

describe('storage: configured accounts (settings entry + secret)', () => {
  it('reads entries of the three clouds and a loopback emulator, and turns unusable ones into issues', () => {
    const { entries, issues } = parseStorageEntries([
      { id: 'a', blobEndpoint: 'https://contoso.blob.core.windows.net', auth: 'connectionString', label: 'Contoso' },
      { id: 'b', blobEndpoint: 'https://gov.blob.core.usgovcloudapi.net', auth: 'entraId' },
      { id: 'c', blobEndpoint: 'https://cnexport.blob.core.chinacloudapi.cn' },
      { id: 'd', blobEndpoint: 'http://127.0.0.1:10000/devstoreaccount1' },
      { id: 'e', blobEndpoint: 'https://attacker.example.com' },
      { id: 'f', blobEndpoint: 'http://contoso.blob.core.windows.net' },
      { id: 'g', blobEndpoint: 'https://contoso.blob.core.windows.net', connectionString: 'x' },
      { id: 'h', blobEndpoint: `https://contoso.blob.core.windows.net/?sig=abc` },
      { id: 'a', blobEndpoint: 'https://other.blob.core.windows.net' },
      { id: 'i', blobEndpoint: 'https://contoso.blob.core.windows.net', auth: 'password' },
      'nope',
    ]);
    assert.deepEqual(
      entries.map((e) => [e.id, e.accountName, e.blobEndpoint, e.auth, e.label]),
      [
        ['a', 'contoso', 'https://contoso.blob.core.windows.net', 'connectionString', 'Contoso'],
        ['b', 'gov', 'https://gov.blob.core.usgovcloudapi.net', 'entraId', undefined],
        ['c', 'cnexport', 'https://cnexport.blob.core.chinacloudapi.cn', 'connectionString', undefined],
        ['d', 'devstoreaccount1', 'http://127.0.0.1:10000/devstoreaccount1', 'connectionString', undefined],
      ],
    );
    assert.deepEqual(
      issues.map((i) => i.index),
      [4, 5, 6, 7, 8, 9, 10],
    );
    assert.match(issues[2].message, /looks like a key or SAS/);
    assert.match(issues[3].message, /looks like a key or SAS/);
    assert.match(issues[4].message, /repeats the id "a"/);
    assert.deepEqual(parseStorageEntries('x').issues.length, 1);
    assert.deepEqual(parseStorageEntries(undefined), { entries: [], issues: [] });
  });

  it('keeps the connection string in secret storage only, and deletes it with the entry', async () => {
    const settings = new MemorySettings([{ id: 'hand-written', blobEndpoint: 'https://other.blob.core.windows.net' }]);
    const secrets = new MemorySecrets();
    const store = new StorageAccountStore(settings, secrets);
    await store.add(entry(), CONNECTION);
    assert.ok(!JSON.stringify(settings.value).includes(KEY), 'no key in settings');
    assert.deepEqual((settings.value as unknown[])[1], serializeStorageEntry(entry()));
    assert.ok(secrets.map.get(storageSecretKey('contoso-1'))?.includes(KEY));
    const account = await store.account(store.get('contoso-1')!, noCredential);
    assert.equal(account.blobEndpoint, 'https://contosoexport.blob.core.windows.net');
    assert.deepEqual(account.auth, { kind: 'sharedKey', accountKey: KEY });
    await assert.rejects(store.add(entry(), CONNECTION), /already exists/);

    assert.equal(await store.remove('contoso-1'), true);
    assert.equal(secrets.map.size, 0);
    assert.deepEqual(settings.value, [{ id: 'hand-written', blobEndpoint: 'https://other.blob.core.windows.net' }]);
  });

  it('sends a key only to the endpoint it was saved for: an entry edited to another account gets nothing', async () => {
    const settings = new MemorySettings([]);
    const secrets = new MemorySecrets();
    const store = new StorageAccountStore(settings, secrets);
    await store.add(entry(), CONNECTION);
    settings.value = [{ ...serializeStorageEntry(entry()), blobEndpoint: 'https://attacker.blob.core.windows.net' }];
    const edited = store.get('contoso-1')!;
    await assert.rejects(store.account(edited, noCredential), (error: Error) => {
      assert.match(error.message, /key was saved for https:\/\/contosoexport\.blob\.core\.windows\.net/);
      assert.ok(!error.message.includes(KEY));
      return true;
    });
    await secrets.delete(storageSecretKey('contoso-1'));
    await assert.rejects(store.account(entry(), noCredential), /No key is stored/);
  });

  it('stores a SAS URL and the Azurite connection string; Entra ID entries store no secret', async () => {
    const secrets = new MemorySecrets();
    const store = new StorageAccountStore(new MemorySettings([]), secrets);
    await store.add(entry({ id: 'sas' }), SAS_URL);
    assert.equal((await store.account(store.get('sas')!, noCredential)).auth.kind, 'sas');
    const dev = entry({ id: 'dev', accountName: 'devstoreaccount1', blobEndpoint: 'http://127.0.0.1:10000/devstoreaccount1' });
    await store.add(dev, 'UseDevelopmentStorage=true');
    assert.deepEqual((await store.account(store.get('dev')!, noCredential)).auth, { kind: 'sharedKey', accountKey: DEV_ACCOUNT_KEY });
    await store.add(entry({ id: 'entra', auth: 'entraId' }));
    assert.equal(secrets.map.has(storageSecretKey('entra')), false);
    assert.equal((await store.account(store.get('entra')!, noCredential)).auth.kind, 'tokenCredential');
  });

  it('reads accounts from user settings only: a workspace cannot add one or point one elsewhere', async () => {
    const user = [serializeStorageEntry(entry())];
    const workspace = [{ ...serializeStorageEntry(entry()), blobEndpoint: 'https://attacker.blob.core.windows.net' }];
    const writes: unknown[] = [];
    const port = userSettingsPort(
      () => ({
        inspect: <T>() => ({ globalValue: user as T, workspaceValue: workspace as T }),
        update: async (_key: string, value: unknown) => void writes.push(value),
      }),
      'storageAccounts',
    );
    const store = new StorageAccountStore(port, new MemorySecrets());
    assert.equal(store.get('contoso-1')?.blobEndpoint, 'https://contosoexport.blob.core.windows.net');
    await store.add(entry({ id: 'second' }), CONNECTION);
    assert.ok(!JSON.stringify(writes).includes('attacker'), 'workspace entries are never copied into user settings');
  });

  it('gives fresh ids and explains bad input without quoting it', () => {
    assert.equal(newStorageEntryId('Contoso-Export', ['contosoexport-aaaaaa'], () => 'aaaaaa').startsWith('contosoexport-'), true);
    assert.equal(storageConnectionProblem(CONNECTION), undefined);
    assert.equal(storageConnectionProblem(SAS_URL), undefined);
    assert.equal(storageConnectionProblem('UseDevelopmentStorage=true'), undefined);
    const bad = storageConnectionProblem(`DefaultEndpointsProtocol=http;AccountName=contoso;AccountKey=${KEY}`);
    assert.match(bad ?? '', /https/);
    assert.ok(!(bad ?? '').includes(KEY));
    assert.match(storageConnectionProblem('') ?? '', /Paste the connection string/);
    assert.equal(storageAccountUrlProblem('contoso'), undefined);
    assert.equal(storageAccountUrlProblem('https://contoso.blob.core.usgovcloudapi.net'), undefined);
    assert.match(storageAccountUrlProblem('https://evil.example.com') ?? '', /blob endpoint must be/);
  });
});
