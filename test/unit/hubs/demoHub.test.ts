import assert from 'node:assert/strict';
import { buildTarget } from '../../../src/config/targets';
import { DemoHubService, DEMO_CONFIG_ID, DEMO_PER_TABLE, DEMO_SINGLE_HUB } from '../../../src/demo/demoHubService';
import { checkConnection } from '../../../src/hubs/connectionCheck';
import { retainedEvents } from '../../../src/hubs/properties';

describe('demo hub service', () => {
  const service = new DemoHubService();
  after(() => service.stop());

  it('starts one local namespace with a single hub and per-table hubs, readable with its in-memory secret', async () => {
    const changes: boolean[] = [];
    service.onDidChange((demo) => changes.push(demo !== undefined));
    const demo = await service.start({ rate: 0, seed: 7 });
    assert.equal(await service.start(), demo, 'a second start returns the running demo');
    assert.equal(demo.entry.id, DEMO_CONFIG_ID);
    assert.equal(demo.entry.hubs[0], DEMO_SINGLE_HUB);
    assert.equal(demo.entry.hubs.length, 1 + DEMO_PER_TABLE.length);
    assert.ok(demo.entry.useDevelopmentEmulator);

    const single = buildTarget(demo.entry, DEMO_SINGLE_HUB, demo.secret);
    const result = await checkConnection(single, { checkConsumerGroup: false });
    assert.ok(result.ok, result.ok ? '' : result.problem.message);
    assert.equal(result.hub.partitionIds.length, 4);
    assert.ok(result.hub.partitions.reduce((n, p) => n + retainedEvents(p), 0) >= 40, 'the backlog gives partitions sequence numbers');

    const perTable = buildTarget(demo.entry, 'insights-logs-advancedhunting-alertinfo', demo.secret);
    assert.equal(perTable.table, 'AlertInfo');
    const tableResult = await checkConnection({ ...perTable, consumerGroup: 'defender-explorer' });
    assert.ok(tableResult.ok, tableResult.ok ? '' : tableResult.problem.message);

    await service.stop();
    assert.equal(service.current, undefined);
    assert.deepEqual(changes, [true, false]);
    const after = await checkConnection(single, { checkConsumerGroup: false, deadlineMs: 5000 });
    assert.equal(after.ok, false);
  });
});
