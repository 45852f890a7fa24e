import assert from 'node:assert/strict';
import type { HubTarget } from '../../../src/hubs/hubTarget';
import { planCapacity } from '../../../src/capacity/capacityPlan';
import { capacityReport } from '../../../src/capacity/capacityReport';
import { measureHub, type MeasureProgress } from '../../../src/capacity/measureHub';
import { startLocalHub, type LocalHubServer } from '../../../src/localHub/index';

const HUB = 'kql-measure';

function record(table: string, i: number): Record<string, unknown> {
  return {
    time: '2025-01-31T08:00:00Z',
    tenantId: 't',
    operationName: 'Publish',
    category: `AdvancedHunting-${table}`,
    properties: { Timestamp: '2025-01-31T08:00:00Z', DeviceName: `wks-${i}` },
  };
}

async function waitFor(what: string, predicate: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('kql: measuring capacity on the local hub', function () {
  this.timeout(60_000);
  let hub: LocalHubServer;
  let target: HubTarget;

  before(async () => {
    hub = await startLocalHub({ hubs: [{ name: HUB, partitionCount: 2 }] });
    target = {
      configId: 'test',
      label: `local / ${HUB}`,
      namespaceHost: `127.0.0.1:${hub.port}`,
      hubName: HUB,
      consumerGroup: '$Default',
      auth: { kind: 'connectionString', connectionString: hub.connectionStringFor(HUB) },
    };
  });

  after(async () => {
    await hub.stop();
  });

  it('counts every record per table from the latest event on, then closes its receivers', async () => {
    hub.append(HUB, [{ body: JSON.stringify({ records: [record('EmailEvents', 0)] }) }], '0'); // before the start: not counted
    const controller = new AbortController();
    let last: MeasureProgress | undefined;
    const running = measureHub(target, {
      durationMs: 600_000,
      signal: controller.signal,
      progressIntervalMs: 50,
      onProgress: (p) => (last = p),
    });
    await waitFor('the receivers', () => last?.phase === 'measuring' && hub.openReceiverCount() === 2);
    const bodies: string[] = [];
    for (let i = 0; i < 40; i++) {
      const records =
        i % 4 === 0
          ? [record('DeviceNetworkEvents', i)]
          : [record('DeviceProcessEvents', i), record('DeviceProcessEvents', i + 1), record('DeviceNetworkEvents', i)];
      bodies.push(JSON.stringify({ records }));
    }
    bodies.push('garbage, not JSON');
    hub.append(
      HUB,
      bodies.slice(0, 20).map((body) => ({ body })),
      '0',
    );
    hub.append(
      HUB,
      bodies.slice(20).map((body) => ({ body })),
      '1',
    );
    await waitFor('every event', () => (last?.events ?? 0) >= 41);
    controller.abort();
    const result = await running;

    assert.equal(result.cancelled, true);
    assert.equal(result.events, 41);
    assert.equal(result.records, 10 + 30 * 3);
    assert.equal(result.malformedEvents, 1);
    assert.equal(
      result.bytes,
      bodies.reduce((sum, b) => sum + Buffer.byteLength(b), 0),
    );
    assert.deepEqual(
      result.tables.map((t) => [t.table, t.records]),
      [
        ['DeviceProcessEvents', 60],
        ['DeviceNetworkEvents', 40],
      ],
    );
    assert.ok(result.seconds > 0);
    assert.equal(result.partitionCount, 2);
    assert.equal(result.hubName, HUB);
    await waitFor('no open receiver', () => hub.openReceiverCount() === 0);

    const report = capacityReport({
      hubLabel: result.hubLabel,
      measurement: result,
      plan: planCapacity(result.tables),
      cancelled: result.cancelled,
    });
    assert.match(report, /`DeviceProcessEvents`/);
    assert.match(report, /`DeviceNetworkEvents`/);
    assert.match(report, /stopped early/);
  });

  it('ends by itself after the chosen duration', async () => {
    const result = await measureHub(target, { durationMs: 300 });
    assert.equal(result.cancelled, false);
    assert.ok(result.seconds >= 0.3);
    assert.equal(result.records, 0);
    await waitFor('no open receiver', () => hub.openReceiverCount() === 0);
  });

  it('fails clearly, without the key, for an unknown hub', async () => {
    const wrong: HubTarget = {
      ...target,
      hubName: 'no-such-hub',
      auth: {
        kind: 'connectionString',
        connectionString: hub.connectionStringFor(HUB).replace(`EntityPath=${HUB}`, 'EntityPath=no-such-hub'),
      },
    };
    await assert.rejects(measureHub(wrong, { durationMs: 1000, connectTimeoutMs: 15_000 }), (error: Error) => {
      assert.doesNotMatch(error.message, /SharedAccessKey=/);
      return true;
    });
  });
});
