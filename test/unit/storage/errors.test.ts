import assert from 'node:assert/strict';
import { parseStorageConnection, storageAccountForEntra } from '../../../src/storage/account';
import { describeStorageProblem, isPermanentStorageProblem } from '../../../src/storage/errors';

const KEY = 'c2VjcmV0a2V5c2VjcmV0a2V5c2VjcmV0a2V5c2VjcmV0a2V5MTIzNDU2Nzg5MA==';
const keyed = parseStorageConnection(`AccountName=contoso01;AccountKey=${KEY}`);
const sas = parseStorageConnection('https://contoso01.blob.core.windows.net/?sv=2022-11-02&sp=rl&se=2020-01-01&sig=abc');
const entra = storageAccountForEntra('contoso01', { getToken: async () => null });

/** A RestError as @azure/storage-blob throws it. */
function restError(statusCode: number, errorCode: string, message: string): Error {
  return Object.assign(new Error(message), { name: 'RestError', statusCode, code: errorCode, details: { errorCode } });
}

describe('storage problems', () => {
  it('tells a wrong key, a missing role, a firewall refusal and an unknown account apart', () => {
    const wrong = describeStorageProblem(restError(403, 'AuthenticationFailed', 'Server failed to authenticate the request.'), keyed);
    assert.equal(wrong.code, 'wrongKey');
    assert.match(wrong.message, /^The account key was rejected by "contoso01" \(403 AuthenticationFailed\)/);

    const role = describeStorageProblem(
      restError(403, 'AuthorizationPermissionMismatch', 'This request is not authorized to perform this operation using this permission.'),
      entra,
    );
    assert.equal(role.code, 'missingRole');
    assert.match(role.message, /"Storage Blob Data Reader" role/);

    const sasRights = describeStorageProblem(restError(403, 'AuthorizationPermissionMismatch', 'x'), sas);
    assert.equal(sasRights.code, 'sasPermissions');

    const firewall = describeStorageProblem(
      restError(403, 'AuthorizationFailure', 'This request is not authorized to perform this operation.'),
      entra,
    );
    assert.equal(firewall.code, 'firewall');
    assert.match(firewall.message, /firewall/);

    const dns = describeStorageProblem(
      Object.assign(new Error('getaddrinfo ENOTFOUND contoso01.blob.core.windows.net'), { code: 'ENOTFOUND' }),
      keyed,
    );
    assert.equal(dns.code, 'accountNotFound');
    assert.match(dns.message, /"contoso01" could not be found/);

    const expired = describeStorageProblem(
      restError(403, 'AuthenticationFailed', 'Signed expiry time [Wed, 01 Jan 2020] must be after signed start time'),
      sas,
    );
    assert.equal(expired.code, 'expiredSas');

    for (const p of [wrong, role, sasRights, firewall, dns, expired]) assert.ok(isPermanentStorageProblem(p.code), p.code);
  });

  it('treats throttling, server errors and a vanished blob as passing', () => {
    const busy = describeStorageProblem(restError(503, 'ServerBusy', 'The server is busy.'), keyed);
    assert.equal(busy.code, 'throttled');
    const server = describeStorageProblem(restError(500, 'InternalError', 'oops'), keyed);
    assert.equal(server.code, 'serverError');
    const gone = describeStorageProblem(restError(404, 'BlobNotFound', 'The specified blob does not exist.'), keyed, {
      container: 'c',
      blob: 'b',
    });
    assert.equal(gone.code, 'blobNotFound');
    for (const p of [busy, server, gone]) assert.ok(!isPermanentStorageProblem(p.code), p.code);
  });

  it('never repeats a key or a signature', () => {
    const p = describeStorageProblem(new Error(`request failed for AccountKey=${KEY} and https://x/?sig=secretsig`), keyed);
    assert.ok(!p.message.includes(KEY) && !p.message.includes('secretsig'), p.message);
  });
});
