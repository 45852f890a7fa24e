import assert from 'node:assert/strict';
import { buildTarget } from '../../../src/hubs/targets';
import { DemoHubService, DEMO_CONFIG_ID, DEMO_PER_TABLE, DEMO_SINGLE_HUB } from '../../../src/demo/demoHubService';
import { clampDemoRate } from '../../../src/demo/demoRate';
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

  it("clamps the rate to the setting's range (0 to 20,000 records/s) however it is given", async () => {
    assert.deepEqual(
      [1e9, 20_001, 20_000, 12.5, 0, -5, Number.NaN, Number.POSITIVE_INFINITY, '900', undefined].map(clampDemoRate),
      [20_000, 20_000, 20_000, 12.5, 0, 0, 50, 50, 50, 50],
    );
    const demo = new DemoHubService();
    try {
      await demo.start({ rate: 0, seed: 3, backlogMessages: 0 });
      demo.setRate(-10);
      assert.equal(demo.currentRate, 0);
      demo.setRate(Number.NaN);
      assert.equal(demo.currentRate, 50);
      demo.setRate(0);
      await demo.stop();
      await demo.start({ rate: 5_000_000, seed: 3, backlogMessages: 0 });
      assert.equal(demo.currentRate, 20_000);
    } finally {
      await demo.stop();
    }
  });
});
