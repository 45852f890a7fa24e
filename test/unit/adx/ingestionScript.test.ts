// The ADX ingestion script: every command it writes (management commands and the functions' queries,
// the commented placeholders too) is parsed by Microsoft's Kusto parser; against a database holding the
// tables the script creates it also analyses without errors, and each function returns exactly the
// columns and types of its typed table, which are the schema's (catalog or tenant schema).
import assert from 'node:assert/strict';
import { adxIngestionScript, SINGLE_RAW_TABLE, type AdxMode } from '../../../src/adx/ingestionScript';
import { kustoName } from '../../../src/adx/kustoSyntax';
import { STREAMABLE_TABLE_NAMES, TABLE_NAMES } from '../../../src/core/catalog/schemaCatalog';
import { CATALOG_LOOKUP, withTenantSchema, type SchemaLookup } from '../../../src/core/catalog/schemaLookup';
import { describe as explain, errorsWith, globalsWith, load as loadParser, resultColumns } from '../kql/kustoParser';

/** The script's commands: blocks between blank lines, without their comment lines. */
function commands(script: string): string[] {
  return script
    .split(/\n\s*\n/)
    .map((block) =>
      block
        .split('\n')
        .filter((line) => !line.startsWith('//'))
        .join('\n'),
    )
    .filter((command) => command.trim() !== '');
}

/** The commented placeholders, uncommented. */
function placeholders(script: string): string[] {
  return [...script.matchAll(/^\/\/ (\.alter.*)$/gm)].map((m) => m[1]);
}

interface CreatedTable {
  name: string;
  columns: Array<{ name: string; type: string }>;
}

/** Unquotes `['a.b']` (the only quoting the script uses). */
function unquote(name: string): string {
  const m = /^\['(.*)'\]$/.exec(name);
  return m ? m[1].replace(/\\(.)/g, '$1') : name;
}

/** The tables the script's `.create-merge table` commands create, read back from their text. */
function createdTables(script: string): CreatedTable[] {
  return commands(script).flatMap((command) => {
    const m = /^\.create-merge table (\S+) \(([\s\S]*?)\) with \(/.exec(command);
    if (!m) return [];
    const columns = m[2]
      .split(/,\n|\n/)
      .map((c) => c.trim())
      .filter(Boolean)
      .map((c) => {
        const at = c.lastIndexOf(': ');
        return { name: unquote(c.slice(0, at)), type: c.slice(at + 2) };
      });
    return [{ name: unquote(m[1]), columns }];
  });
}

/** Each function's name and query body. */
function functions(script: string): Array<{ name: string; body: string }> {
  return commands(script).flatMap((command) => {
    const m = /^\.create-or-alter function with \(.*?\) (\w+)\(\) \{\n([\s\S]*)\n\}$/.exec(command);
    return m ? [{ name: m[1], body: m[2] }] : [];
  });
}

const TENANT = withTenantSchema({
  version: 1,
  updatedAt: '2026-12-01T08:00:00.000Z',
  source: 'test',
  tables: {
    // A catalog table with a tenant's own columns and another type for a known one.
    DeviceInfo: {
      columns: [
        { name: 'Timestamp', type: 'datetime' },
        { name: 'DeviceId', type: 'string' },
        { name: 'OSBuild', type: 'string' },
        { name: 'LoggedOnUsers', type: 'dynamic' },
        { name: 'TenantOnlyFlag', type: 'bool' },
      ],
    },
    // A table the catalog does not know, with names that need quoting.
    'Custom-Events': {
      columns: [
        { name: 'Timestamp', type: 'datetime' },
        { name: 'where', type: 'string' },
        { name: 'Payload.Raw', type: 'dynamic' },
        { name: 'Id', type: 'guid' },
        { name: 'Score', type: 'real' },
        { name: 'Count', type: 'int' },
        { name: 'Total', type: 'long' },
      ],
    },
  },
});

const SCENARIOS: Array<{ what: string; mode: AdxMode; schema: SchemaLookup; tables: readonly string[] }> = [
  { what: 'every catalog table, single hub', mode: 'single', schema: CATALOG_LOOKUP, tables: TABLE_NAMES },
  {
    what: 'five streamable tables, one hub per table',
    mode: 'perTable',
    schema: CATALOG_LOOKUP,
    tables: STREAMABLE_TABLE_NAMES.slice(0, 5),
  },
  { what: 'a tenant schema, single hub', mode: 'single', schema: TENANT, tables: ['DeviceInfo', 'Custom-Events', 'AlertInfo'] },
  { what: 'a tenant schema, one hub per table', mode: 'perTable', schema: TENANT, tables: ['DeviceInfo', 'Custom-Events', 'AlertInfo'] },
];

describe('adx/ingestionScript: the Azure Data Explorer ingestion script', function () {
  this.timeout(240_000);
  before(function () {
    this.timeout(120_000);
    loadParser();
  });

  for (const scenario of SCENARIOS) {
    describe(scenario.what, () => {
      const script = adxIngestionScript({ ...scenario, generatedAt: new Date('2026-12-02T10:00:00.000Z') });
      const created = createdTables(script);
      const globals = (): unknown => globalsWith(created);

      it("every command parses and analyses without errors in Microsoft's Kusto parser (against the tables it creates)", () => {
        // ParseAndAnalyze reports syntax errors too; the parser takes 50-100 ms per management command.
        const all = commands(script);
        assert.ok(all.length >= scenario.tables.length * 3 + 2, `${all.length} commands`);
        const g = globals();
        for (const command of all) {
          assert.match(command, /^\./, 'every command is a management command');
          const errors = errorsWith(command, g, true);
          assert.deepEqual(errors, [], explain(errors, command));
        }
      });

      it('the commented retention and caching placeholders parse once uncommented', () => {
        const all = placeholders(script);
        assert.equal(
          all.length,
          new Set(created.filter((t) => t.name.endsWith('Raw')).map((t) => t.name)).size + scenario.tables.length * 2,
        );
        // The same two lines per table: the raw tables' and the first three tables' are enough.
        const sample = all.filter((line, i) => /softdelete = 0d/.test(line) || i < 12);
        const g = globals();
        for (const command of sample) {
          const errors = errorsWith(command, g, false);
          assert.deepEqual(errors, [], explain(errors, command));
        }
      });

      it("creates each typed table with exactly the schema's columns and types, in order", () => {
        for (const table of scenario.tables) {
          const def = scenario.schema.table(table);
          assert.ok(def);
          const made = created.find((t) => t.name === table);
          assert.ok(made, `no table ${table}`);
          assert.deepEqual(
            made.columns,
            def.columns.map((c) => ({ name: c.name, type: c.type })),
            table,
          );
        }
      });

      it("has one function per table returning its typed table's columns and types (Kusto's analyzer)", () => {
        const fns = functions(script);
        assert.equal(fns.length, scenario.tables.length);
        const g = globals();
        scenario.tables.forEach((table, i) => {
          const def = scenario.schema.table(table);
          assert.ok(def);
          assert.deepEqual(
            resultColumns(fns[i].body, g),
            def.columns.map((c) => ({ name: c.name, type: c.type })),
            `${fns[i].name} for ${table}`,
          );
          assert.match(script, new RegExp(`policy update @'\\[\\{"IsEnabled":true,"Source":"[^"]+","Query":"${fns[i].name}\\(\\)"`));
        });
      });

      it('lands messages in raw tables of records: dynamic, mapped from $.records, one per hub', () => {
        const raws = created.filter((t) => t.columns.length === 1 && t.columns[0].name === 'records');
        assert.ok(raws.every((t) => t.columns[0].type === 'dynamic'));
        const mappings = [...script.matchAll(/^\.create-or-alter table (\S+) ingestion json mapping '([^']+)' '(.*)'$/gm)];
        assert.equal(mappings.length, raws.length);
        for (const m of mappings) assert.deepEqual(JSON.parse(m[3]), [{ column: 'records', Properties: { Path: '$.records' } }]);
        if (scenario.mode === 'single') {
          assert.deepEqual(
            raws.map((t) => t.name),
            [SINGLE_RAW_TABLE],
          );
          assert.match(script, /^\/\/ {3}Table: DefenderRaw {4}Data format: MULTIJSON {4}Mapping: DefenderRawMapping$/m);
        } else {
          assert.deepEqual(
            raws.map((t) => t.name),
            scenario.tables.map((t) => `${t}Raw`),
          );
          for (const table of scenario.tables)
            assert.match(
              script,
              new RegExp(
                `^// {3}insights-logs-advancedhunting-${table.toLowerCase()} {2}-> {2}table ${table}Raw, mapping ${table}RawMapping$`,
                'm',
              ),
            );
          assert.match(script, /each with data format MULTIJSON/);
        }
      });
    });
  }

  it('routes by category and converts each type; dynamic columns take JSON strings and objects alike', () => {
    const script = adxIngestionScript({ tables: ['Custom-Events'], mode: 'single', schema: TENANT });
    const [fn] = functions(script);
    assert.match(fn.body, /\| mv-expand _record = records\n/);
    assert.match(fn.body, /\| where tostring\(_record\.category\) == 'AdvancedHunting-Custom-Events'\n/);
    const projections = fn.body
      .split('| project\n')[1]
      .split(',\n')
      .map((l) => l.trim());
    assert.deepEqual(projections, [
      'Timestamp = todatetime(_row.Timestamp)',
      "['where'] = tostring(_row['where'])",
      "['Payload.Raw'] = iff(gettype(_row['Payload.Raw']) == 'string', todynamic(tostring(_row['Payload.Raw'])), _row['Payload.Raw'])",
      'Id = toguid(_row.Id)',
      'Score = toreal(_row.Score)',
      'Count = toint(_row.Count)',
      'Total = tolong(_row.Total)',
    ]);
    assert.match(script, /^\.create-merge table \['Custom-Events'\] \($/m);
    assert.match(script, /^\/\/ Custom-Events: 7 columns, types from the tenant schema\. Not known to reach Event Hubs/m);
    assert.match(script, /column types from the tenant schema \(updated 2026-12-01T08:00:00\.000Z\)\./);
  });

  it("says where each table's types come from, and bool columns use tobool", () => {
    const script = adxIngestionScript({ tables: ['DeviceInfo', 'AlertInfo'], mode: 'single', schema: TENANT });
    assert.match(script, /for DeviceInfo, the built-in catalog for the others/);
    assert.match(script, /TenantOnlyFlag = tobool\(_row\.TenantOnlyFlag\)/);
    assert.match(script, /OSBuild = tostring\(_row\.OSBuild\)/);
    assert.match(
      adxIngestionScript({ tables: ['DeviceInfo'], mode: 'single', schema: CATALOG_LOOKUP }),
      /OSBuild = tolong\(_row\.OSBuild\)/,
    );
  });

  it('the harness is not vacuous: the parser reports a broken command, and analysis an unknown source table', () => {
    const g = globalsWith([]);
    assert.notDeepEqual(errorsWith('.create-merge table T (a: strin)', g, true), []);
    assert.notDeepEqual(errorsWith('.create-or-alter function F() { NoSuchRaw | mv-expand r = records }', g, true), []);
    assert.deepEqual(errorsWith('.create-or-alter function F() { print x = 1 }', g, true), []);
  });

  it('refuses no tables and unknown tables', () => {
    assert.throws(() => adxIngestionScript({ tables: [], mode: 'single', schema: CATALOG_LOOKUP }), /at least one table/);
    assert.throws(
      () => adxIngestionScript({ tables: ['NoSuchTable'], mode: 'single', schema: CATALOG_LOOKUP }),
      /Unknown table "NoSuchTable"/,
    );
  });

  it('quotes names that are not plain identifiers or are keywords', () => {
    assert.equal(kustoName('DeviceInfo'), 'DeviceInfo');
    assert.equal(kustoName('Type'), 'Type');
    assert.equal(kustoName('where'), "['where']");
    assert.equal(kustoName('My-Table'), "['My-Table']");
    assert.equal(kustoName("a'b\\c"), "['a\\'b\\\\c']");
  });
});
