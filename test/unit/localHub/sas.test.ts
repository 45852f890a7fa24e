import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createSasToken, parseSasToken, resourceCovers, resourcePath, verifySasToken } from '../../../src/localHub/sas';

describe('local hub: SAS tokens', () => {
  const now = Date.UTC(2026, 0, 1);

  it('verifies a token made with the key and name, and refuses changes', () => {
    const token = createSasToken('sb://127.0.0.1:5672/hub', 'policy', 'k3y+/=', 3600, now);
    assert.deepEqual(verifySasToken(token, 'policy', 'k3y+/=', now).ok, true);
    assert.equal(verifySasToken(token, 'policy', 'other', now).ok, false);
    assert.equal(verifySasToken(token, 'other', 'k3y+/=', now).ok, false);
    assert.equal(verifySasToken(token.replace('se=', 'se=1'), 'policy', 'k3y+/=', now).ok, false);
    const expired = verifySasToken(token, 'policy', 'k3y+/=', now + 3601_000);
    assert.equal(expired.ok, false);
    assert.match(expired.ok ? '' : expired.reason, /expired/);
    assert.equal(verifySasToken('Bearer abc', 'policy', 'k3y+/=', now).ok, false);
  });

  it('signs the URL-encoded resource and expiry with the key as UTF-8 (the Azure scheme)', () => {
    const token = createSasToken('sb://ns.servicebus.windows.net/hub', 'name', 'key', 100, 0);
    const parsed = parseSasToken(token);
    assert.equal(parsed?.encodedResource, 'sb%3A%2F%2Fns.servicebus.windows.net%2Fhub');
    assert.equal(parsed?.resource, 'sb://ns.servicebus.windows.net/hub');
    assert.equal(parsed?.expiry, 100);
    // Known answer: HMAC-SHA256("key", "sb%3A%2F%2Fns.servicebus.windows.net%2Fhub\n100"), base64.
    assert.equal(parsed?.signature, createHmac('sha256', 'key').update('sb%3A%2F%2Fns.servicebus.windows.net%2Fhub\n100').digest('base64'));
  });

  it('compares resources by path, without case, parents covering children', () => {
    assert.equal(resourcePath('sb://localhost:5672/Hub/ConsumerGroups/$Default/Partitions/0'), 'hub/consumergroups/$default/partitions/0');
    assert.ok(resourceCovers('sb://localhost:1/hub', 'sb://127.0.0.1:1/HUB/Partitions/1'));
    assert.ok(resourceCovers('sb://localhost:1/', 'hub'));
    assert.ok(!resourceCovers('sb://localhost:1/hub', 'hub2'));
    assert.ok(!resourceCovers('sb://localhost:1/hub/Partitions/0', 'hub'));
  });
});
