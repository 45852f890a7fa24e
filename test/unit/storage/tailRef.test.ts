import assert from 'node:assert/strict';
import { hubKey } from '../../../src/hubs/hubKey';
import { isValidId } from '../../../src/config/ids';
import { parseStorageTailIds, storageTailIds, storageTailLabel } from '../../../src/storage/tailRef';
import { TailRegistry } from '../../../src/tail/registry';

describe('storage tail ids (registry key, page state)', () => {
  it('names an account and its tables by ids only, and reads them back', () => {
    const one = storageTailIds({ accountId: 'azurite-a1b2c3', tables: ['DeviceProcessEvents'] });
    assert.deepEqual(one, { configId: 'storage:azurite-a1b2c3', hubName: 'DeviceProcessEvents' });
    assert.deepEqual(parseStorageTailIds(one.configId, one.hubName), { accountId: 'azurite-a1b2c3', tables: ['DeviceProcessEvents'] });

    const every = storageTailIds({ accountId: 'azurite-a1b2c3' });
    assert.deepEqual(every, { configId: 'storage:azurite-a1b2c3', hubName: '*' });
    assert.deepEqual(parseStorageTailIds(every.configId, every.hubName), { accountId: 'azurite-a1b2c3' });
    assert.deepEqual(storageTailIds({ accountId: 'x-1', tables: [] }), { configId: 'storage:x-1', hubName: '*' });
  });

  it('orders the tables, so the same choice is the same tail', () => {
    const a = storageTailIds({ accountId: 'acc-1', tables: ['EmailEvents', 'AlertInfo', 'EmailEvents'] });
    const b = storageTailIds({ accountId: 'acc-1', tables: ['AlertInfo', 'EmailEvents'] });
    assert.deepEqual(a, b);
    assert.equal(a.hubName, 'AlertInfo,EmailEvents');
    assert.deepEqual(parseStorageTailIds(a.configId, a.hubName)?.tables, ['AlertInfo', 'EmailEvents']);
  });

  it("is not a hub's ids, and a hub's ids are not a storage tail", () => {
    // A hub entry's id cannot have a colon: no hub key equals a storage tail's key.
    assert.equal(isValidId('storage:acc-1'), false);
    assert.equal(parseStorageTailIds('ns-a1b2c3', 'defender-stream'), undefined);
    assert.equal(parseStorageTailIds('storage:', '*'), undefined);
    assert.equal(parseStorageTailIds('storage:a/b', '*'), undefined);
    assert.equal(parseStorageTailIds('storage:acc-1', 'Alert Info'), undefined);
    assert.equal(parseStorageTailIds('storage:acc-1', ''), undefined);

    const registry = new TailRegistry();
    const hub = { kind: 'panel' as const, configId: 'acc-1', hubName: 'DeviceProcessEvents', reveal() {}, close() {} };
    registry.add(hub);
    const ids = storageTailIds({ accountId: 'acc-1', tables: ['DeviceProcessEvents'] });
    registry.add({ ...hub, ...ids });
    assert.notEqual(hubKey(ids.configId, ids.hubName), hubKey(hub.configId, hub.hubName));
    assert.equal(registry.find(ids.configId, ids.hubName, 'panel')?.configId, 'storage:acc-1');
    assert.equal(registry.find('acc-1', 'DeviceProcessEvents', 'panel')?.configId, 'acc-1');
  });

  it('labels the tail with the account and its tables', () => {
    assert.equal(storageTailLabel('Azurite export', ['DeviceProcessEvents']), 'Azurite export / DeviceProcessEvents');
    assert.equal(storageTailLabel('prod', ['AlertInfo', 'EmailEvents']), 'prod / AlertInfo, EmailEvents');
    assert.equal(storageTailLabel('prod', undefined), 'prod / every table');
  });
});
