import assert from 'node:assert/strict';
import { ConnectionError } from '../../../src/core/connection/errors';
import { redact } from '../../../src/core/connection/redact';
import { DEV_ACCOUNT_KEY, parseStorageConnection, storageAccountForEntra } from '../../../src/storage/account';

const KEY = 'c2VjcmV0a2V5c2VjcmV0a2V5c2VjcmV0a2V5c2VjcmV0a2V5MTIzNDU2Nzg5MA==';

function refused(input: string, code?: string): ConnectionError {
  try {
    parseStorageConnection(input);
  } catch (error) {
    assert.ok(error instanceof ConnectionError, String(error));
    if (code) assert.equal(error.code, code, error.message);
    assert.ok(!error.message.includes(KEY) && !error.message.includes('sig=abc'), error.message);
    return error;
  }
  assert.fail(`accepted: ${input}`);
}

describe('storage account connection', () => {
  it('reads an account-key connection string of each cloud', () => {
    const a = parseStorageConnection(
      `DefaultEndpointsProtocol=https;AccountName=Contoso01;AccountKey=${KEY};EndpointSuffix=core.windows.net`,
    );
    assert.equal(a.accountName, 'contoso01');
    assert.equal(a.blobEndpoint, 'https://contoso01.blob.core.windows.net');
    assert.deepEqual(a.auth, { kind: 'sharedKey', accountKey: KEY });
    const gov = parseStorageConnection(`AccountName=gov1;AccountKey=${KEY};EndpointSuffix=core.usgovcloudapi.net`);
    assert.equal(gov.blobEndpoint, 'https://gov1.blob.core.usgovcloudapi.net');
    const cn = parseStorageConnection(`AccountName=cn1;AccountKey=${KEY};BlobEndpoint=https://cn1.blob.core.chinacloudapi.cn/`);
    assert.equal(cn.blobEndpoint, 'https://cn1.blob.core.chinacloudapi.cn');
  });

  it('reads an account SAS connection string and a SAS URL', () => {
    const a = parseStorageConnection(
      'BlobEndpoint=https://contoso01.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=sco&sp=rl&sig=abc%3D',
    );
    assert.equal(a.accountName, 'contoso01');
    assert.deepEqual(a.auth, { kind: 'sas', sas: 'sv=2022-11-02&ss=b&srt=sco&sp=rl&sig=abc%3D' });
    const u = parseStorageConnection('https://contoso01.blob.core.windows.net/?sv=2022-11-02&sp=rl&sig=abc');
    assert.equal(u.blobEndpoint, 'https://contoso01.blob.core.windows.net');
    assert.equal(u.auth.kind, 'sas');
  });

  it('allows a loopback emulator (Azurite) with the account in the path', () => {
    const dev = parseStorageConnection('UseDevelopmentStorage=true');
    assert.equal(dev.blobEndpoint, 'http://127.0.0.1:10000/devstoreaccount1');
    assert.deepEqual(dev.auth, { kind: 'sharedKey', accountKey: DEV_ACCOUNT_KEY });
    assert.equal(dev.emulator, true);
    const a = parseStorageConnection(
      `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=${KEY};BlobEndpoint=http://127.0.0.1:41234/devstoreaccount1;`,
    );
    assert.equal(a.blobEndpoint, 'http://127.0.0.1:41234/devstoreaccount1');
    assert.equal(a.host, '127.0.0.1:41234');
  });

  it('sends a key only to the account it names', () => {
    refused(`AccountName=contoso01;AccountKey=${KEY};BlobEndpoint=https://evil.example.com/`, 'badHost');
    refused(`AccountName=contoso01;AccountKey=${KEY};BlobEndpoint=https://other01.blob.core.windows.net/`, 'badHost');
    refused(`AccountName=contoso01;AccountKey=${KEY};EndpointSuffix=example.com`, 'badHost');
    refused(`AccountName=contoso01;AccountKey=${KEY};BlobEndpoint=http://contoso01.blob.core.windows.net/`, 'badEndpoint');
    refused(`AccountName=contoso01;AccountKey=${KEY};DefaultEndpointsProtocol=http`, 'badEndpoint');
    refused(`AccountName=devstoreaccount1;AccountKey=${KEY};BlobEndpoint=http://127.0.0.1:10000/other`, 'badHost');
    refused('https://contoso01.blob.core.windows.net.evil.com/?sig=abc', 'badHost');
    refused('BlobEndpoint=https://evil.example.com/;SharedAccessSignature=sv=1&sig=abc', 'badHost');
  });

  it('words malformed input without quoting it', () => {
    refused('', 'empty');
    refused('just some text', 'malformed');
    refused('AccountName=contoso01', 'missingKey');
    refused('AccountName=contoso01;AccountKey=not base64!', 'missingKey');
    refused('BlobEndpoint=https://contoso01.blob.core.windows.net/;SharedAccessSignature=sv=1&sp=r', 'missingKey');
  });

  it('takes an Entra ID account as a URL, host or name', () => {
    const credential = { getToken: async () => null };
    assert.equal(storageAccountForEntra('contoso01', credential).blobEndpoint, 'https://contoso01.blob.core.windows.net');
    assert.equal(
      storageAccountForEntra('contoso01.blob.core.usgovcloudapi.net', credential).blobEndpoint,
      'https://contoso01.blob.core.usgovcloudapi.net',
    );
    assert.equal(storageAccountForEntra('https://contoso01.blob.core.windows.net/', credential).auth.kind, 'tokenCredential');
  });

  it('redacts an AccountKey wherever it shows', () => {
    const text = redact(`failed: DefaultEndpointsProtocol=https;AccountName=a;AccountKey=${KEY};EndpointSuffix=core.windows.net`);
    assert.ok(!text.includes(KEY), text);
    assert.match(text, /AccountKey=\*\*\*;EndpointSuffix/);
  });
});
