import assert from 'node:assert/strict';
import { formatConnectionString } from '../../../src/core/connection/connectionString';
import { ConnectionCheckError } from '../../../src/hubs/errors';
import type { HubTarget } from '../../../src/hubs/hubTarget';
import { probePerTableHubs } from '../../../src/hubs/probe';
import { STREAMABLE_TABLES } from '../../../src/core/catalog/schemaCatalog';
import { startLocalHub, type LocalHub } from '../../../src/localHub';

const KEY = 'cHJvYmUtdGVzdC1rZXktZm9yLXRoZS1sb2NhbC1odWI=';

function targetFor(hub: LocalHub, key = KEY) {
  return (hubName: string): HubTarget => ({
    configId: 'probe',
    label: hubName,
    namespaceHost: `127.0.0.1:${hub.port}`,
    hubName,
    consumerGroup: '$Default',
    auth: {
      kind: 'connectionString',
      connectionString: formatConnectionString({
        host: `127.0.0.1:${hub.port}`,
        sharedAccessKeyName: hub.keyName,
        sharedAccessKey: key,
        entityPath: hubName,
        useDevelopmentEmulator: true,
      }),
    },
  });
}

describe('hubs: per-table probe against the local hub', () => {
  let hub: LocalHub;

  before(async () => {
    hub = await startLocalHub({
      key: KEY,
      hubs: [
        { name: 'insights-logs-advancedhunting-deviceprocessevents', partitionCount: 2 },
        { name: 'insights-logs-advancedhunting-alertinfo', partitionCount: 1 },
        { name: 'insights-logs-advancedhunting-identityinfo', partitionCount: 1 },
        { name: 'insights-logs-advancedhunting-devicetvmsoftwareinventory', partitionCount: 1 },
        { name: 'defender-stream', partitionCount: 4 },
      ],
    });
  });

  after(async () => {
    await hub.stop();
  });

  it('finds the per-table hubs that exist and lists the missing ones, in the given order', async () => {
    const result = await probePerTableHubs(targetFor(hub), ['AlertInfo', 'DeviceEvents', 'DeviceProcessEvents', 'EmailEvents']);
    assert.deepEqual(result.found, [
      { table: 'AlertInfo', hubName: 'insights-logs-advancedhunting-alertinfo', partitionCount: 1 },
      { table: 'DeviceProcessEvents', hubName: 'insights-logs-advancedhunting-deviceprocessevents', partitionCount: 2 },
    ]);
    assert.deepEqual(result.missing, ['insights-logs-advancedhunting-deviceevents', 'insights-logs-advancedhunting-emailevents']);
  });

  it('by default probes the 30 tables that reach Event Hubs (streamed or seen in streams), not the Advanced-Hunting-only ones', async function () {
    this.timeout(60_000);
    const result = await probePerTableHubs(targetFor(hub));
    assert.deepEqual(
      result.found.map((f) => f.table),
      ['AlertInfo', 'DeviceProcessEvents', 'IdentityInfo'],
    );
    assert.equal(result.found.length + result.missing.length, STREAMABLE_TABLES.length);
    assert.ok(!result.missing.includes('insights-logs-advancedhunting-devicetvmsoftwareinventory'));
  });

  it('stops with the specific problem when the key is wrong', async () => {
    await assert.rejects(probePerTableHubs(targetFor(hub, 'wrong-key-value'), ['AlertInfo', 'DeviceEvents']), (error: unknown) => {
      assert.ok(error instanceof ConnectionCheckError);
      assert.equal(error.problem.code, 'wrongKey');
      assert.ok(!error.message.includes('wrong-key-value'));
      return true;
    });
  });
});
