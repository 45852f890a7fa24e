// The stored tenant schema (.defender-stream/schema.json) is untrusted workspace content: what the
// workspace loader and the CLI accept, and what they refuse with a reason (never a throw, never a
// polluted object). And the merge of an import into it: only the imported tables change.
import assert from 'node:assert/strict';
import { withTenantSchema, type TenantSchema } from '../../../src/core/catalog/schemaLookup';
import { getTable } from '../../../src/core/catalog/schemaCatalog';
import { parseGetschema } from '../../../src/tenantSchema/getschema';
import { SCHEMA_LIMITS } from '../../../src/tenantSchema/limits';
import { describeImport, mergeImport } from '../../../src/tenantSchema/merge';
import { parseTenantSchemaText, serializeTenantSchema, tenantSchemaFromBytes } from '../../../src/tenantSchema/schemaFile';
import { tried } from '../../support/reliabilityLog';

const NOW = new Date('2026-12-02T10:00:00.000Z');

function schemaJson(tables: unknown, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ version: 1, updatedAt: '2026-12-01T08:00:00.000Z', source: 'test', tables, ...extra });
}

function problemOf(text: string | Uint8Array): string {
  const result = tenantSchemaFromBytes(typeof text === 'string' ? new TextEncoder().encode(text) : text);
  assert.ok('problem' in result, 'expected the file to be refused');
  return result.problem;
}

describe('tenantSchema/schemaFile: the stored schema, read as untrusted content', () => {
  it('reads a valid file, with a prototype-free frozen table map', () => {
    const result = tenantSchemaFromBytes(new TextEncoder().encode(schemaJson({ DeviceInfo: { columns: [{ name: 'A', type: 'long' }] } })));
    assert.ok('schema' in result);
    const { tables } = result.schema;
    assert.equal(Object.getPrototypeOf(tables), null);
    assert.ok(Object.isFrozen(tables));
    assert.deepEqual(tables.DeviceInfo.columns, [{ name: 'A', type: 'long' }]);
  });

  it('round-trips through its serialised form, which lists one column per line and tables by name', () => {
    const schema = parseTenantSchemaText(
      schemaJson({
        Zeta: { columns: [{ name: 'A', type: 'long' }] },
        Alpha: {
          columns: [
            { name: 'B', type: 'dynamic' },
            { name: 'C', type: 'guid' },
          ],
        },
      }),
    );
    const text = serializeTenantSchema(schema);
    assert.deepEqual(parseTenantSchemaText(text), schema);
    assert.ok(text.indexOf('"Alpha"') < text.indexOf('"Zeta"'));
    assert.match(text, /^ {8}\{"name":"B","type":"dynamic"\},$/m);
    assert.deepEqual(Object.keys(parseTenantSchemaText(serializeTenantSchema({ ...schema, tables: {} })).tables), []);
  });

  describe('hostile files: refused with a reason', () => {
    const cases: Array<[string, string | Uint8Array, RegExp]> = [
      ['too big', `${schemaJson({})}${' '.repeat(SCHEMA_LIMITS.maxFileBytes)}`, /larger than 2 MB/],
      ['not JSON', '{"version": 1,', /not valid JSON/],
      ['not UTF-8', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), /not UTF-8 text/],
      ['an array', '[]', /not a JSON object/],
      ['another version', schemaJson({}, { version: 2 }), /"version" is not 1/],
      ['no time', schemaJson({}, { updatedAt: 'yesterday' }), /"updatedAt" is not an ISO 8601 time/],
      ['a huge source', schemaJson({}, { source: 'x'.repeat(501) }), /"source" is not a text of at most 500/],
      ['tables as an array', schemaJson([]), /"tables" is not an object/],
      [
        'a `__proto__` table',
        `{"version":1,"updatedAt":"2026-12-01T08:00:00Z","source":"x","tables":{"__proto__":{"columns":[]}}}`,
        /table name "__proto__" is a reserved name/,
      ],
      ['a `constructor` table', schemaJson({ constructor: { columns: [] } }), /table name "constructor" is a reserved name/],
      ['a table name with a quote', schemaJson({ "A']": { columns: [] } }), /is not a name/],
      ['a table name with a control character', schemaJson({ 'A\u202eB': { columns: [] } }), /"A\?B" is not a name/],
      ['columns not an array', schemaJson({ T: { columns: {} } }), /table T has no "columns" array/],
      ['a column without a name', schemaJson({ T: { columns: [{ type: 'string' }] } }), /column 1 of T has no "name"/],
      [
        'a type that is not Kusto',
        schemaJson({ T: { columns: [{ name: 'A', type: 'varchar' }] } }),
        /column A of T: the type "varchar" is not one of/,
      ],
      ['a type that is not text', schemaJson({ T: { columns: [{ name: 'A', type: { toString: 1 } }] } }), /the type given is not one of/],
      [
        'a duplicate column',
        schemaJson({
          T: {
            columns: [
              { name: 'A', type: 'long' },
              { name: 'A', type: 'string' },
            ],
          },
        }),
        /column A of T appears twice/,
      ],
      [
        'too many tables',
        schemaJson(Object.fromEntries(Array.from({ length: 501 }, (_, i) => [`T${i}`, { columns: [] }]))),
        /more than 500 tables/,
      ],
      [
        'too many columns',
        schemaJson({ T: { columns: Array.from({ length: 2001 }, (_, i) => ({ name: `C${i}`, type: 'long' })) } }),
        /more than 2000 columns/,
      ],
      ['nested deeper than a schema', schemaJson({ T: { columns: [{ name: 'A', type: 'long', x: [[[[[[1]]]]]] }] } }), /nested deeper/],
    ];
    for (const [what, text, expected] of cases) {
      it(what, () => {
        const problem = problemOf(text);
        assert.match(problem, /^\.defender-stream\/schema\.json/);
        assert.match(problem, expected);
      });
    }

    it('leaves Object.prototype alone, and refuses every one of them without throwing', () => {
      problemOf(`{"version":1,"updatedAt":"2026-12-01T08:00:00Z","source":"x","tables":{"__proto__":{"polluted":true,"columns":[]}}}`);
      assert.equal(({} as Record<string, unknown>).polluted, undefined);
      assert.equal(({} as Record<string, unknown>).columns, undefined);
      let refused = 0;
      for (const [, text] of cases) {
        const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
        if ('problem' in tenantSchemaFromBytes(bytes)) refused++;
      }
      assert.equal(refused, cases.length);
      tried({
        area: 'Trust boundary',
        fault: `A hostile .defender-stream/schema.json in the workspace (${cases.map(([what]) => what).join(', ')})`,
        times: cases.length,
        outcome: `refused ${refused} of ${cases.length} with a reason (validation keeps the catalog); none threw, Object.prototype untouched`,
      });
    });
  });
});

describe('tenantSchema/merge: importing into the stored schema', () => {
  const existing: TenantSchema = parseTenantSchemaText(
    schemaJson({
      DeviceInfo: { columns: [{ name: 'Old', type: 'string' }] },
      AlertInfo: { columns: [{ name: 'AlertId', type: 'string' }] },
    }),
  );

  it('replaces only the imported tables and keeps the others; the stored object is not changed', () => {
    const before = JSON.stringify(existing);
    const imported = parseGetschema('ColumnName,ColumnType\nTimestamp,datetime\nDeviceId,string\nNewColumn,long', { table: 'DeviceInfo' });
    const { schema, summary } = mergeImport(existing, imported.tables, 'DeviceInfo.csv', NOW);
    assert.deepEqual(Object.keys(schema.tables).sort(), ['AlertInfo', 'DeviceInfo']);
    assert.deepEqual(schema.tables.AlertInfo, existing.tables.AlertInfo);
    assert.deepEqual(
      schema.tables.DeviceInfo.columns.map((c) => c.name),
      ['Timestamp', 'DeviceId', 'NewColumn'],
    );
    assert.equal(schema.updatedAt, NOW.toISOString());
    assert.equal(schema.source, 'DeviceInfo.csv');
    assert.equal(JSON.stringify(existing), before);
    assert.deepEqual(summary, [{ table: 'DeviceInfo', replaced: true, columns: 3, inCatalog: true, notInCatalog: 1, otherType: 0 }]);
    assert.equal(describeImport(summary), 'Imported DeviceInfo: 3 columns, 1 not in the catalog.');
    // What is written reads back as the same schema.
    assert.deepEqual(parseTenantSchemaText(serializeTenantSchema(schema)), parseTenantSchemaText(JSON.stringify(schema)));
  });

  it('a failed import changes nothing: the stored schema is only replaced by a complete merge', () => {
    const before = serializeTenantSchema(existing);
    let stored = before;
    const importText = (text: string, table?: string): void => {
      const parsed = parseTenantSchemaText(stored);
      const { schema } = mergeImport(parsed, parseGetschema(text, { table }).tables, 'x', NOW);
      stored = serializeTenantSchema(schema); // the "write" happens only after everything succeeded
    };
    assert.throws(() => importText('ColumnName,ColumnType\nA,string\nB,varchar', 'DeviceInfo'));
    assert.throws(() => importText('ColumnName,ColumnType\nA,string')); // no table named
    assert.throws(() => mergeImport(existing, [], 'x', NOW), /no table/);
    assert.equal(stored, before);
  });

  it('counts columns of another type and tables the catalog does not know', () => {
    const catalogType = getTable('DeviceInfo')?.columnsByName.get('OSBuild')?.type;
    assert.equal(catalogType, 'long');
    const imported = parseGetschema('TableName,ColumnName,ColumnType\nDeviceInfo,OSBuild,string\nCustomTable,A,long\nCustomTable,B,long\n');
    const { summary } = mergeImport(undefined, imported.tables, 'x', NOW);
    assert.equal(
      describeImport(summary),
      "Imported 2 tables: DeviceInfo: 1 column, 1 with another type than the catalog's; CustomTable: 2 columns, a table the catalog does not know.",
    );
  });

  it('feeds the lookup: an imported table is checked against its columns, others against the catalog', () => {
    const imported = parseGetschema('ColumnName,ColumnType\nTimestamp,datetime\nTenantOnly,long', { table: 'DeviceInfo' });
    const lookup = withTenantSchema(mergeImport(existing, imported.tables, 'x', NOW).schema);
    assert.equal(lookup.originOf('DeviceInfo'), 'tenant');
    assert.equal(lookup.table('DeviceInfo')?.columnsByName.get('TenantOnly')?.type, 'long');
    assert.equal(lookup.originOf('DeviceEvents'), 'catalog');
  });
});
