// Records compared with a schema: columns the schema lacks, schema columns never seen, type conflicts
// (with what real streams do tolerated), unknown tables; a tenant schema over the catalog.
import assert from 'node:assert/strict';
import { getTable } from '../../../src/core/catalog/schemaCatalog';
import { CATALOG_LOOKUP, withTenantSchema, type TenantSchema } from '../../../src/core/catalog/schemaLookup';
import { compareShapes, driftReport, type DriftFinding } from '../../../src/drift/compareShapes';
import { learnText } from '../../../src/drift/learnText';
import { ShapeLearner } from '../../../src/drift/shapeLearner';

function rec(table: string, properties: Record<string, unknown>): Record<string, unknown> {
  return { time: '2026-11-25T10:00:00Z', tenantId: 't', category: `AdvancedHunting-${table}`, properties };
}

function learned(...records: Array<Record<string, unknown>>): ShapeLearner {
  const learner = new ShapeLearner();
  for (const r of records) learner.learn(r);
  return learner;
}

const of = (findings: DriftFinding[], kind: DriftFinding['kind']) => findings.filter((f) => f.kind === kind);

describe('drift: compareShapes', () => {
  it('names the columns the schema lacks with counts and JSON types, and the schema columns never seen', () => {
    const learner = learned(
      rec('DeviceProcessEvents', { DeviceName: 'a', NetworkAdapterName: 'eth0', MachineGroup: 'g' }),
      rec('DeviceProcessEvents', { DeviceName: 'b', NetworkAdapterName: null }),
    );
    const findings = compareShapes(learner, CATALOG_LOOKUP);
    assert.deepEqual(of(findings, 'unknownColumn'), [
      { table: 'DeviceProcessEvents', column: 'NetworkAdapterName', kind: 'unknownColumn', count: 2, seen: ['string', 'null'] },
    ]);
    const unseen = of(findings, 'unseenColumn');
    const columns = getTable('DeviceProcessEvents')?.columns ?? [];
    assert.equal(unseen.length, columns.length - 1, 'every documented column but DeviceName (MachineGroup is a decoration)');
    assert.deepEqual(unseen[0], {
      table: 'DeviceProcessEvents',
      column: columns[0].name,
      kind: 'unseenColumn',
      count: 2,
      expected: columns[0].type,
    });
    assert.deepEqual(of(findings, 'typeConflict'), []);
  });

  it('reports a table no schema knows once, with its record count, and learns its columns', () => {
    const learner = learned(rec('ContosoCustomEvents', { A: 1 }), rec('ContosoCustomEvents', { B: 'x' }));
    assert.deepEqual(compareShapes(learner, CATALOG_LOOKUP), [
      { table: 'ContosoCustomEvents', column: '', kind: 'unknownTable', count: 2 },
    ]);
    const report = driftReport(learner, CATALOG_LOOKUP);
    assert.equal(report.tables[0].origin, undefined);
    assert.deepEqual(
      report.tables[0].columnsSeen.map((c) => c.name),
      ['A', 'B'],
    );
  });

  it('reports type conflicts with the expected Kusto type, what was seen and how many values', () => {
    const learner = learned(
      rec('DeviceProcessEvents', { ProcessId: 'abc', AdditionalFields: 42 }),
      rec('DeviceProcessEvents', { ProcessId: 12, AdditionalFields: 'x' }),
      rec('DeviceNetworkEvents', { RemotePort: 4294967296, Timestamp: 5, LocalIP: true }),
      rec('DeviceInfo', { IsAzureADJoined: 2 }),
      rec('DeviceInfo', { IsAzureADJoined: 'true' }),
    );
    const conflicts = of(compareShapes(learner, CATALOG_LOOKUP), 'typeConflict').map((f) => [
      f.table,
      f.column,
      f.expected,
      f.seen,
      f.count,
    ]);
    assert.deepEqual(conflicts, [
      ['DeviceInfo', 'IsAzureADJoined', 'bool', ['string', 'number other than 0/1'], 2],
      ['DeviceNetworkEvents', 'LocalIP', 'string', ['bool'], 1],
      ['DeviceNetworkEvents', 'RemotePort', 'int', ['number beyond 32 bits'], 1],
      ['DeviceNetworkEvents', 'Timestamp', 'datetime', ['number'], 1],
      ['DeviceProcessEvents', 'AdditionalFields', 'string', ['number'], 1],
      ['DeviceProcessEvents', 'ProcessId', 'long', ['string'], 1],
    ]);
  });

  it('tolerates what real streams do: JSON in JSON-carrying columns, "" in Identity* numbers, 0/1 bools, longs beyond 32 bits, nulls', () => {
    const learner = learned(
      rec('DeviceNetworkEvents', { AdditionalFields: { a: 1 }, ReportId: 18984951960, RemotePort: null, LocalIP: '-' }),
      rec('DeviceNetworkEvents', { AdditionalFields: '{"a":1}', ReportId: null }),
      rec('DeviceInfo', { IsAzureADJoined: 1, LoggedOnUsers: [{ UserName: 'a' }], DeviceDynamicTags: ['x'] }),
      rec('DeviceInfo', { IsAzureADJoined: 0 }),
      rec('DeviceInfo', { IsAzureADJoined: true }),
      rec('IdentityLogonEvents', { Port: '', DestinationPort: '', AdditionalFields: { k: [1] } }),
      rec('IdentityLogonEvents', { Port: 443, DestinationPort: 88 }),
    );
    assert.deepEqual(of(compareShapes(learner, CATALOG_LOOKUP), 'typeConflict'), []);
  });

  it('does not tolerate "" in the numeric columns of other tables', () => {
    const learner = learned(rec('DeviceNetworkEvents', { RemotePort: '' }));
    assert.deepEqual(
      of(compareShapes(learner, CATALOG_LOOKUP), 'typeConflict').map((f) => f.column),
      ['RemotePort'],
    );
  });

  it('checks against a tenant schema where it holds the table, and the catalog elsewhere', () => {
    const tenant: TenantSchema = {
      version: 1,
      updatedAt: '2026-12-01T00:00:00Z',
      source: 'tenant.csv',
      tables: {
        DeviceProcessEvents: {
          columns: [
            { name: 'DeviceName', type: 'string' },
            { name: 'NetworkAdapterName', type: 'string' },
          ],
        },
        ContosoCustomEvents: { columns: [{ name: 'A', type: 'long' }] },
      },
    };
    const learner = learned(
      rec('DeviceProcessEvents', { DeviceName: 'a', NetworkAdapterName: 'eth0' }),
      rec('ContosoCustomEvents', { A: 'x' }),
      rec('AlertInfo', { Title: 't', Extra: 1 }),
    );
    const lookup = withTenantSchema(tenant);
    const report = driftReport(learner, lookup);
    assert.deepEqual(report.schema, { kind: 'tenant', source: 'tenant.csv', updatedAt: '2026-12-01T00:00:00Z' });
    assert.deepEqual(
      report.tables.map((t) => [t.table, t.origin]),
      [
        ['AlertInfo', 'catalog'],
        ['ContosoCustomEvents', 'tenant'],
        ['DeviceProcessEvents', 'tenant'],
      ],
    );
    const findings = compareShapes(learner, lookup);
    assert.deepEqual(
      findings.filter((f) => f.table === 'DeviceProcessEvents'),
      [],
    );
    assert.deepEqual(
      findings.filter((f) => f.kind !== 'unseenColumn').map((f) => [f.table, f.column, f.kind]),
      [
        ['AlertInfo', 'Extra', 'unknownColumn'],
        ['ContosoCustomEvents', 'A', 'typeConflict'],
      ],
    );
  });

  it('says nothing of never-seen columns for tables whose records had no properties', () => {
    const learner = learned({ category: 'AdvancedHunting-AlertInfo', properties: 'x' });
    assert.deepEqual(compareShapes(learner, CATALOG_LOOKUP), []);
  });
});

describe('drift: learnText (sample files)', () => {
  const lines = [rec('AlertInfo', { Title: 'a' }), rec('AlertInfo', { Title: 'b', Extra: 1 })].map((r) => JSON.stringify(r));

  it('reads a message body, an array of records, a record, and NDJSON (by name or by content)', () => {
    for (const [text, name, ndjson] of [
      [JSON.stringify({ records: lines.map((l) => JSON.parse(l)) }), 'a.json', false],
      [`[${lines.join(',')}]`, 'a.json', false],
      [lines.join('\n'), 'a.ndjson', true],
      [`${lines.join('\r\n')}\r\n\r\n`, 'a.json', true],
      [`${lines.join('\n')}\n`, undefined, true],
    ] as const) {
      const learner = new ShapeLearner();
      const result = learnText(learner, text, name);
      assert.deepEqual([result.records, result.malformed, result.ndjson], [2, 0, ndjson], `${name}: ${text.slice(0, 30)}`);
      assert.equal(learner.table('AlertInfo')?.columns.get('Extra')?.count, 1);
    }
    const one = new ShapeLearner();
    assert.equal(learnText(one, lines[0], 'one.json').records, 1);
  });

  it('counts lines and documents that hold no record, and goes on', () => {
    const learner = new ShapeLearner();
    const result = learnText(learner, `${lines[0]}\nnot json\n{"no": "records"}\n${lines[1]}`, 'x.ndjson');
    assert.deepEqual([result.records, result.malformed], [2, 2]);
    assert.deepEqual(
      [learnText(new ShapeLearner(), 'not json', 'x.json').malformed, learnText(new ShapeLearner(), '', 'x.json').malformed],
      [1, 1],
    );
  });
});
