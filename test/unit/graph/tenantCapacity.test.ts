// Estimate Capacity from Advanced Hunting, pure part: the published query through the Graph client
// (local server), the tenant's rates and the plan, and a report that says what is assumed.
import assert from 'node:assert/strict';
import { runHuntingQuery } from '../../../src/graph/runHuntingQuery';
import { measuredSizes, planFromTenant, tenantCapacityQuery, tenantCapacityReport, tenantRates } from '../../../src/graph/tenantCapacity';
import { json, startFakeGraph, TOKEN, type FakeGraph } from './fakeGraph';

const ANSWER = {
  schema: [
    { name: 'MDTables', type: 'String' },
    { name: 'avg_EPS', type: 'Double' },
    { name: 'estimatedMBPerSec', type: 'Double' },
  ],
  results: [
    { MDTables: 'DeviceNetworkEvents', avg_EPS: 2500, estimatedMBPerSec: 1.19 },
    { MDTables: 'DeviceProcessEvents', avg_EPS: 400, estimatedMBPerSec: 0.19 },
    { MDTables: 'EmailEvents', avg_EPS: 0.5, estimatedMBPerSec: 0.0002 },
  ],
};

describe('capacity from Advanced Hunting', () => {
  let graph: FakeGraph;
  beforeEach(async () => (graph = await startFakeGraph()));
  afterEach(() => graph.close());

  it('sends the published query and plans from the tenant rates', async () => {
    graph.script(json(200, ANSWER));
    const query = tenantCapacityQuery({ bytes: 500, lookback: '6h' });
    assert.match(query, /^let bytes_ = 500;\nunion withsource=MDTables\*\n\| where Timestamp > startofday\(ago\(6h\)\)/);
    const result = await runHuntingQuery({ endpoint: graph.url, getToken: () => Promise.resolve(TOKEN), query });
    assert.equal((graph.seen[0].body as { Query: string }).Query, query);
    const rates = tenantRates(result);
    assert.deepEqual(rates[0], { table: 'DeviceNetworkEvents', eventsPerSecond: 2500 });
    const plan = planFromTenant(rates, 500);
    assert.equal(plan.tables[0].table, 'DeviceNetworkEvents');
    assert.ok(plan.singleHub.sizing.throughputUnits >= 3, 'about 2,900 events/s needs at least 3 TUs');
    const report = tenantCapacityReport({ rates, plan, options: { bytes: 500, lookback: '6h' }, host: 'graph.microsoft.com', query });
    assert.match(report, /\*\*From the tenant\*\*/);
    assert.match(report, /\*\*Assumed\*\*: every record is 500 bytes/);
    assert.match(report, /`DeviceNetworkEvents`/);
  });

  it("uses Measure Capacity's record sizes when known and says which numbers were measured", async () => {
    graph.script(json(200, ANSWER));
    const options = {
      lookback: '6h',
      measured: [
        { table: 'DeviceNetworkEvents', avgRecordBytes: 1999.2 },
        { table: 'Bad Name', avgRecordBytes: 10 },
      ],
      measuredOn: 'Demo hub / defender',
    };
    const query = tenantCapacityQuery(options);
    assert.match(
      query,
      /^let defaultBytes_ = 500;\nlet measuredBytes_ = datatable\(MDTables:string, bytes_:long\) \[\n {4}"DeviceNetworkEvents", 2000\n\];/,
    );
    assert.doesNotMatch(query, /Bad Name/);
    const result = await runHuntingQuery({ endpoint: graph.url, getToken: () => Promise.resolve(TOKEN), query });
    assert.equal((graph.seen[0].body as { Query: string }).Query, query);
    const rates = tenantRates(result);
    const sizes = measuredSizes(options);
    assert.deepEqual([...sizes], [['DeviceNetworkEvents', 2000]]);
    const plan = planFromTenant(rates, undefined, sizes);
    const network = plan.tables.find((t) => t.table === 'DeviceNetworkEvents')!;
    const processes = plan.tables.find((t) => t.table === 'DeviceProcessEvents')!;
    assert.equal(Math.round(network.mbPerSecond * 1024 * 1024), 2500 * 2000);
    assert.equal(Math.round(processes.mbPerSecond * 1024 * 1024), 400 * 500);
    const report = tenantCapacityReport({ rates, plan, options, host: 'graph.microsoft.com', query });
    assert.match(report, /\*\*Measured\*\* \(Measure Capacity on Demo hub \/ defender\): the average record size of 1 table/);
    assert.match(report, /\| `DeviceNetworkEvents` \| 2,500(\.00)? \| 2,000 \(measured\) \|/);
    assert.match(report, /\| `DeviceProcessEvents` \| 400(\.00)? \| 500 \(assumed\) \|/);
  });

  it('refuses an answer without the query columns', () => {
    assert.throws(() => tenantRates({ schema: [], results: [{ Table: 'x' }] }), /not an Advanced Hunting result/);
  });
});
