import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getTable } from '../../../src/core/catalog/schemaCatalog';
import { withTenantSchema, type TenantSchema } from '../../../src/core/catalog/schemaLookup';
import { validate, type Finding } from '../../../src/validation/validate';
import { record } from './helpers';

const fixture = path.resolve(__dirname, '../../fixtures/streamed-today.defender.json');
const text = readFileSync(fixture, 'utf8');
const message = JSON.parse(text) as { records: Array<{ category: string; properties: Record<string, unknown> }> };

function summary(findings: readonly Finding[]): string[] {
  return findings.map((f) => `${f.severity} ${f.code} ${f.message}`);
}

function codesOf(rec: Record<string, unknown>, schema?: ReturnType<typeof withTenantSchema>): Array<[string, string]> {
  return validate(JSON.stringify({ records: [rec] }), { schema }).map((f) => [f.code, f.severity]);
}

describe('validation: the stream as tenants send it today (test/fixtures/streamed-today.defender.json)', () => {
  it('holds the 9 tables seen in real streams, the new columns and the known real-data quirks', () => {
    const tables = new Set(message.records.map((r) => r.category.slice('AdvancedHunting-'.length)));
    for (const name of [
      'IdentityInfo',
      'BehaviorInfo',
      'BehaviorEntities',
      'CloudAuditEvents',
      'CloudProcessEvents',
      'CloudStorageAggregatedEvents',
      'MessageEvents',
      'MessageUrlInfo',
      'MessagePostDeliveryEvents',
    ]) {
      assert.ok(tables.has(name), name);
      assert.equal(getTable(name)?.streamStatus, 'seenInStreams', name);
    }
    const columns = (table: string) =>
      new Set(message.records.filter((r) => r.category.endsWith(`-${table}`)).flatMap((r) => Object.keys(r.properties)));
    for (const [table, names] of [
      ['DeviceProcessEvents', ['InitiatingProcessUniqueId', 'ProcessUniqueId']],
      ['DeviceNetworkEvents', ['InitiatingProcessUniqueId']],
      ['DeviceInfo', ['HardwareUuid', 'AzureVmId', 'CloudPlatforms']],
      ['EmailEvents', ['To', 'Cc', 'EmailSize', 'IsFirstContact']],
    ] as const) {
      for (const name of names) {
        assert.ok(columns(table).has(name), `${table}.${name}`);
        assert.ok(getTable(table)?.columnsByName.has(name), `${table}.${name} is in the catalog`);
      }
    }
    // Quirks: AdditionalFields and LoggedOnUsers as objects/arrays, "" in Identity ports, 0/1 in bools,
    // "-" as an IP, a ReportId beyond 32 bits, ISP/Isp, MachineGroup on alerts, _TimeReceivedBySvc.
    assert.ok(text.includes('"Port": ""') && text.includes('"IsProcessRemoteSession": 0') && text.includes('"RemoteIP": "-"'));
    assert.ok(text.includes('"ReportId": 18984951960') && text.includes('"ISP": ""') && text.includes('"_TimeReceivedBySvc"'));
    assert.ok(text.includes('"LoggedOnUsers": [') && text.includes('"AdditionalFields": {'));
  });

  it('validates with zero errors and zero warnings; the infos explain the known drift', () => {
    const findings = validate(text, { fileName: 'streamed-today.defender.json' });
    assert.deepEqual(summary(findings.filter((f) => f.severity !== 'info')), []);
    assert.deepEqual(
      findings.map((f) => f.code),
      ['DSE021', 'DSE021', 'DSE021', 'DSE021'],
      summary(findings).join('\n'),
    );
  });

  it('as NDJSON (the Storage form), too', () => {
    const ndjson = message.records.map((r) => JSON.stringify(r)).join('\n');
    assert.deepEqual(summary(validate(ndjson, { fileName: 'streamed-today.defender.ndjson' }).filter((f) => f.severity !== 'info')), []);
  });

  describe('what would break a parser still warns or errs', () => {
    it('a value of the wrong JSON type that real data does not show', () => {
      assert.deepEqual(codesOf(record('EmailEvents', { EmailSize: '48213' })), [['DSE025', 'warning']]);
      assert.deepEqual(codesOf(record('EmailEvents', { IsFirstContact: true })), [['DSE022', 'error']]);
      assert.deepEqual(codesOf(record('IdentityInfo', { CriticalityLevel: 'high' })), [['DSE022', 'error']]);
      assert.deepEqual(codesOf(record('IdentityInfo', { AccountUpn: 42 })), [['DSE026', 'warning']]);
      assert.deepEqual(codesOf(record('MessageEvents', { IsExternalThread: 'yes' })), [['DSE022', 'error']]);
      assert.deepEqual(codesOf(record('CloudStorageAggregatedEvents', { OperationsCount: 4.5 })), [['DSE022', 'error']]);
      assert.deepEqual(codesOf(record('DeviceProcessEvents', { ProcessUniqueId: {} })), [['DSE026', 'warning']]);
    });

    it('a body that is not JSON', () => {
      const findings = validate(text.slice(0, text.length / 2));
      assert.deepEqual(
        findings.map((f) => [f.code, f.severity]),
        [['DSE001', 'error']],
      );
    });

    it('a category that cannot be a table', () => {
      assert.deepEqual(codesOf(record('Device Events', {})), [['DSE014', 'error']]);
      assert.deepEqual(codesOf(record('DeviceEvents', {}, { category: 42 })), [['DSE014', 'error']]);
      assert.deepEqual(codesOf(record('DeviceEvents', {}, { category: 'AdvancedHunting-' })), [['DSE014', 'error']]);
    });
  });

  describe('a tenant schema passed as options.schema changes what is checked', () => {
    const tenant: TenantSchema = {
      version: 1,
      updatedAt: '2026-11-30T00:00:00.000Z',
      source: 'contoso-getschema.csv',
      tables: {
        DeviceProcessEvents: {
          columns: [
            { name: 'Timestamp', type: 'datetime' },
            { name: 'FileName', type: 'string' },
            { name: 'ContosoTag', type: 'string' },
          ],
        },
        ContosoCustomEvents: {
          columns: [
            { name: 'Timestamp', type: 'datetime' },
            { name: 'Score', type: 'int' },
          ],
        },
      },
    };
    const schema = withTenantSchema(tenant);

    it("checks a table's columns against the tenant's, and names the tenant schema in the message", () => {
      const rec = record('DeviceProcessEvents', { FileName: 'a.exe', ContosoTag: 'x', ProcessId: 42 });
      assert.deepEqual(codesOf(rec), [['DSE020', 'info']]);
      assert.match(validate(JSON.stringify(rec))[1].message, /"ContosoTag" is not a documented column of DeviceProcessEvents\./);
      const withTenant = validate(JSON.stringify({ records: [rec] }), { schema });
      assert.deepEqual(
        withTenant.map((f) => [f.code, f.severity]),
        [['DSE020', 'info']],
      );
      assert.equal(
        withTenant[0].message,
        '"ProcessId" is not a column of DeviceProcessEvents in the tenant schema (contoso-getschema.csv).',
      );
    });

    it("knows the tenant's own tables, which the catalog does not", () => {
      const rec = record('ContosoCustomEvents', { Score: 'high' });
      assert.deepEqual(codesOf(rec), [['DSE016', 'info']]);
      assert.deepEqual(codesOf(rec, schema), [
        ['DSE018', 'info'],
        ['DSE022', 'error'],
      ]);
      const [note] = validate(JSON.stringify({ records: [record('ContosoCustomEvents', { Score: 7 })] }), { schema });
      assert.equal(
        note.message,
        'ContosoCustomEvents is in the tenant schema but not in the catalog, so nothing says it is streamed; its properties are checked against the tenant schema.',
      );
      // Wrong letter case is fixed to the tenant's spelling.
      const [caseFinding] = validate(JSON.stringify({ records: [record('contosocustomevents', {})] }), { schema });
      assert.equal(caseFinding.code, 'DSE015');
      assert.equal(caseFinding.fix?.newText, '"AdvancedHunting-ContosoCustomEvents"');
    });

    it('falls back to the catalog for the tables the tenant schema does not hold', () => {
      assert.deepEqual(codesOf(record('EmailEvents', { EmailSize: 1, Zebra: 1 }), schema), [['DSE020', 'info']]);
      assert.match(
        validate(JSON.stringify({ records: [record('EmailEvents', { Zebra: 1 })] }), { schema })[0].message,
        /not a documented column of EmailEvents/,
      );
    });
  });
});
