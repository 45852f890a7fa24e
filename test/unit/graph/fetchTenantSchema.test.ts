// Fetch Tenant Schema's pure part: getschema per table through the Graph client, against a local server.
import assert from 'node:assert/strict';
import { fetchTenantSchema } from '../../../src/graph/fetchTenantSchema';
import { runHuntingQuery } from '../../../src/graph/runHuntingQuery';
import { mergeImport } from '../../../src/tenantSchema/merge';
import { graphError, json, startFakeGraph, TOKEN, type FakeGraph, type Reply } from './fakeGraph';

const getschemaAnswer: Reply = (req, res, seen) => {
  const query = (seen.body as { Query: string }).Query;
  if (query.startsWith('DeviceInfo | getschema'))
    return json(200, {
      schema: [
        { name: 'ColumnName', type: 'String' },
        { name: 'ColumnType', type: 'String' },
      ],
      results: [
        { ColumnName: 'Timestamp', ColumnType: 'datetime' },
        { ColumnName: 'DeviceId', ColumnType: 'string' },
        { ColumnName: 'TenantOnly', ColumnType: 'long' },
      ],
    })(req, res, seen);
  return graphError(400, 'BadRequest', "'NoSuchTable' could not be resolved")(req, res, seen);
};

describe('fetchTenantSchema (local server with the documented contract)', () => {
  let graph: FakeGraph;
  beforeEach(async () => (graph = await startFakeGraph()));
  afterEach(() => graph.close());
  const run = (query: string) => runHuntingQuery({ endpoint: graph.url, getToken: () => Promise.resolve(TOKEN), query });

  it('reads each table getschema returns; a table the tenant lacks fails alone', async () => {
    graph.script(getschemaAnswer);
    const seen: string[] = [];
    const fetched = await fetchTenantSchema(['DeviceInfo', 'NoSuchTable'], run, (t) => seen.push(t));
    assert.deepEqual(seen, ['DeviceInfo', 'NoSuchTable']);
    assert.deepEqual(fetched.tables, [
      {
        name: 'DeviceInfo',
        columns: [
          { name: 'Timestamp', type: 'datetime' },
          { name: 'DeviceId', type: 'string' },
          { name: 'TenantOnly', type: 'long' },
        ],
      },
    ]);
    assert.equal(fetched.failed.length, 1);
    assert.match(fetched.failed[0].message, /could not be resolved/);
    assert.deepEqual(
      graph.seen.map((s) => (s.body as { Query: string }).Query),
      ['DeviceInfo | getschema | project ColumnName, ColumnType', 'NoSuchTable | getschema | project ColumnName, ColumnType'],
    );
    // The same store Import getschema Result writes.
    const merged = mergeImport(undefined, fetched.tables, 'Advanced Hunting (Microsoft Graph)', new Date('2026-12-01T08:00:00Z'));
    assert.equal(merged.summary[0].notInCatalog, 1);
  });

  it('a permission error ends the whole fetch', async () => {
    graph.script(graphError(403, 'Forbidden', 'no'));
    await assert.rejects(fetchTenantSchema(['DeviceInfo', 'DeviceEvents'], run), /ThreatHunting\.Read\.All/);
    assert.equal(graph.seen.length, 1);
  });

  it('refuses a table name that is not a plain name before sending anything', async () => {
    await assert.rejects(fetchTenantSchema(['DeviceInfo | take 1'], run));
    assert.equal(graph.seen.length, 0);
  });
});
