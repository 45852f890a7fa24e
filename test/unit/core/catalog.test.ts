import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CATEGORY_PREFIX,
  DECORATION_COLUMNS,
  PER_TABLE_HUB_PREFIX,
  TABLE_NAMES,
  TABLES,
  getColumn,
  getTable,
  getTableByCategory,
  getTableByHubName,
  suggestColumn,
  suggestTable,
  tableNameFromCategory,
} from '../../../src/core/catalog/schemaCatalog';
import { STREAMED_TABLES } from '../../../src/core/catalog/tables.generated';

const repoRoot = path.resolve(__dirname, '../../..');
const referenceFile = path.resolve(repoRoot, '../shared/reference/advanced-hunting-tables.json');

const EXPECTED_TABLES = [
  'AlertEvidence',
  'AlertInfo',
  'CloudAppEvents',
  'DeviceEvents',
  'DeviceFileCertificateInfo',
  'DeviceFileEvents',
  'DeviceImageLoadEvents',
  'DeviceInfo',
  'DeviceLogonEvents',
  'DeviceNetworkEvents',
  'DeviceNetworkInfo',
  'DeviceProcessEvents',
  'DeviceRegistryEvents',
  'EmailAttachmentInfo',
  'EmailEvents',
  'EmailPostDeliveryEvents',
  'EmailUrlInfo',
  'IdentityLogonEvents',
  'IdentityQueryEvents',
  'IdentityDirectoryEvents',
  'UrlClickEvents',
];
const KUSTO_TYPES = new Set(['string', 'long', 'int', 'bool', 'datetime', 'dynamic', 'real', 'guid']);

describe('core/catalog', () => {
  describe('tables', () => {
    it('holds exactly the 21 streamed tables in documentation order', () => {
      assert.equal(TABLES.length, 21);
      assert.deepEqual([...TABLE_NAMES], EXPECTED_TABLES);
    });

    it('derives category and per-table hub name from the table name', () => {
      for (const table of TABLES) {
        assert.equal(table.category, `AdvancedHunting-${table.name}`);
        assert.equal(table.hubName, `insights-logs-advancedhunting-${table.name.toLowerCase()}`);
      }
      assert.equal(getTable('DeviceProcessEvents')?.hubName, 'insights-logs-advancedhunting-deviceprocessevents');
    });

    it('gives every table a Timestamp column and only known Kusto types, with no duplicate column', () => {
      for (const table of TABLES) {
        assert.ok(table.columns.length > 0, table.name);
        assert.equal(getColumn(table, 'Timestamp')?.type, 'datetime', table.name);
        for (const column of table.columns) assert.ok(KUSTO_TYPES.has(column.type), `${table.name}.${column.name}: ${column.type}`);
        assert.equal(table.columnsByName.size, table.columns.length, `${table.name} has duplicate columns`);
      }
    });

    it('normalises the documentation spelling "boolean" to "bool"', () => {
      const types = new Set(TABLES.flatMap((t) => t.columns.map((c) => c.type as string)));
      assert.ok(!types.has('boolean'));
      // CloudAppEvents documents IsAdminOperation as "boolean".
      assert.equal(getColumn(getTable('CloudAppEvents')!, 'IsAdminOperation')?.type, 'bool');
    });

    it('keeps documented spellings that differ between tables (ISP vs Isp)', () => {
      assert.ok(getColumn(getTable('IdentityDirectoryEvents')!, 'ISP'));
      assert.ok(getColumn(getTable('CloudAppEvents')!, 'Isp'));
      assert.equal(getColumn(getTable('CloudAppEvents')!, 'ISP'), undefined);
    });

    it('knows the decoration column MachineGroup on every table', () => {
      assert.deepEqual(
        DECORATION_COLUMNS.map((c) => c.name),
        ['MachineGroup'],
      );
      assert.equal(getColumn(getTable('AlertInfo')!, 'MachineGroup')?.type, 'string');
      assert.equal(getColumn(getTable('DeviceEvents')!, 'NoSuchColumn'), undefined);
    });
  });

  describe('look-ups', () => {
    it('by table name is exact and case-sensitive', () => {
      assert.equal(getTable('DeviceEvents')?.name, 'DeviceEvents');
      assert.equal(getTable('deviceevents'), undefined);
      assert.equal(getTable('AdvancedHunting-DeviceEvents'), undefined);
      assert.equal(getTable(''), undefined);
    });

    it('by category needs the exact AdvancedHunting- prefix', () => {
      assert.equal(getTableByCategory('AdvancedHunting-AlertInfo')?.name, 'AlertInfo');
      assert.equal(getTableByCategory('AlertInfo'), undefined);
      assert.equal(getTableByCategory('advancedhunting-AlertInfo'), undefined);
      assert.equal(getTableByCategory('AdvancedHunting-alertinfo'), undefined);
      assert.equal(getTableByCategory('AdvancedHunting-IdentityInfo'), undefined);
      assert.equal(getTableByCategory(CATEGORY_PREFIX), undefined);
    });

    it('by per-table hub name, case-insensitively', () => {
      for (const table of TABLES) assert.equal(getTableByHubName(table.hubName), table);
      assert.equal(getTableByHubName('INSIGHTS-LOGS-ADVANCEDHUNTING-DEVICEEVENTS')?.name, 'DeviceEvents');
      assert.equal(getTableByHubName('insights-logs-advancedhunting-Device'), undefined);
      assert.equal(getTableByHubName('DeviceEvents'), undefined);
      assert.equal(getTableByHubName(PER_TABLE_HUB_PREFIX), undefined);
    });

    it('reads the table name from any category, known or not', () => {
      assert.equal(tableNameFromCategory('AdvancedHunting-DeviceEvents'), 'DeviceEvents');
      assert.equal(tableNameFromCategory('AdvancedHunting-IdentityInfo'), 'IdentityInfo');
      assert.equal(tableNameFromCategory('DeviceEvents'), '');
      assert.equal(tableNameFromCategory(''), '');
    });
  });

  describe('suggestTable', () => {
    it('returns an exact match without a reason for a table name, a category or a hub name', () => {
      for (const input of [
        'DeviceEvents',
        'AdvancedHunting-DeviceEvents',
        'insights-logs-advancedhunting-deviceevents',
        '  DeviceEvents  ',
      ]) {
        const s = suggestTable(input);
        assert.equal(s.table?.name, 'DeviceEvents', input);
        assert.equal(s.reason, undefined, input);
        assert.deepEqual(s.candidates, ['DeviceEvents'], input);
      }
    });

    it('reports wrong letter case', () => {
      assert.deepEqual(suggestTable('deviceprocessevents'), {
        table: getTable('DeviceProcessEvents'),
        reason: 'case',
        candidates: ['DeviceProcessEvents'],
      });
      assert.equal(suggestTable('AdvancedHunting-DEVICEEVENTS').reason, 'case');
      assert.equal(suggestTable('AdvancedHunting-DEVICEEVENTS').table?.name, 'DeviceEvents');
    });

    it('accepts a hub name in any letter case (hub names are case-insensitive)', () => {
      const s = suggestTable('Insights-Logs-AdvancedHunting-DeviceEvents');
      assert.equal(s.table?.name, 'DeviceEvents');
      assert.equal(s.reason, undefined);
    });

    it('reports a misspelt or wrongly cased category prefix', () => {
      for (const input of [
        'AdvancedHuntng-DeviceEvents',
        'AdvancedHunting_-DeviceEvents',
        'advancedhunting-DeviceEvents',
        'AdvanceHunting-deviceevents',
      ]) {
        const s = suggestTable(input);
        assert.equal(s.table?.name, 'DeviceEvents', input);
        assert.equal(s.reason, 'prefix', input);
      }
    });

    it('reports a misspelt hub prefix', () => {
      const s = suggestTable('insight-logs-advancedhunting-deviceevents');
      assert.equal(s.table?.name, 'DeviceEvents');
      assert.equal(s.reason, 'prefix');
    });

    it('suggests by edit distance for small spelling mistakes, best first', () => {
      const s = suggestTable('DeviceProcesEvents');
      assert.equal(s.reason, 'spelling');
      assert.equal(s.table?.name, 'DeviceProcessEvents');
      assert.equal(s.candidates[0], 'DeviceProcessEvents');
      assert.equal(suggestTable('AdvancedHunting-AlertInf').table?.name, 'AlertInfo');
      assert.equal(suggestTable('insights-logs-advancedhunting-emailurlinf').table?.name, 'EmailUrlInfo');
    });

    it('lists several candidates when the input is close to more than one table', () => {
      // "DeviceFileEvent" is one edit from DeviceFileEvents; DeviceEvents is four away and out of budget.
      const s = suggestTable('DeviceFileEvent');
      assert.equal(s.candidates[0], 'DeviceFileEvents');
      const many = suggestTable('DeviceXEvents');
      assert.ok(many.candidates.length >= 1 && many.candidates.length <= 3, JSON.stringify(many));
      assert.equal(many.candidates[0], 'DeviceEvents');
    });

    it('gives no suggestion for something far from every table', () => {
      for (const input of ['', 'x', 'SigninLogs', 'AdvancedHunting-', 'insights-logs-advancedhunting-', 'Device-Events-Nothing']) {
        const s = suggestTable(input);
        assert.equal(s.table, undefined, input);
        assert.equal(s.reason, undefined, input);
        assert.deepEqual(s.candidates, [], input);
      }
    });

    it('does not pretend an unknown streamed table (IdentityInfo) is a documented one', () => {
      const s = suggestTable('AdvancedHunting-IdentityInfo');
      assert.equal(s.table, undefined);
      assert.deepEqual(s.candidates, []);
    });
  });

  describe('suggestColumn', () => {
    const deviceEvents = getTable('DeviceEvents')!;

    it('finds a column written in the wrong case', () => {
      assert.equal(suggestColumn(deviceEvents, 'devicename')[0], 'DeviceName');
    });

    it('finds a misspelt column', () => {
      assert.equal(suggestColumn(deviceEvents, 'ActonType')[0], 'ActionType');
      assert.equal(suggestColumn(deviceEvents, 'InitiatingProcessFileNam')[0], 'InitiatingProcessFileName');
    });

    it('includes the decoration column MachineGroup', () => {
      assert.deepEqual(suggestColumn(deviceEvents, 'MachineGrup'), ['MachineGroup']);
    });

    it('returns at most three candidates and none for a far-off name', () => {
      assert.ok(suggestColumn(deviceEvents, 'SHA2').length <= 3);
      assert.deepEqual(suggestColumn(deviceEvents, 'CompletelyUnrelatedColumnName'), []);
    });
  });

  describe('generated catalog', () => {
    it('matches the reference JSON, regenerated with scripts/generate-catalog.mjs', function () {
      if (!existsSync(referenceFile)) {
        const reason = `reference ${referenceFile} is absent (it lives in ../shared beside the repository)`;
        console.log(`      skipped: ${reason}`);
        this.skip();
      }
      // Run the real generator in a scratch copy of the layout it expects, then compare byte for byte.
      const scratch = mkdtempSync(path.join(os.tmpdir(), 'dse-catalog-'));
      try {
        mkdirSync(path.join(scratch, 'scripts'));
        mkdirSync(path.join(scratch, 'src/core/catalog'), { recursive: true });
        copyFileSync(path.join(repoRoot, 'scripts/generate-catalog.mjs'), path.join(scratch, 'scripts/generate-catalog.mjs'));
        const run = spawnSync(process.execPath, [path.join(scratch, 'scripts/generate-catalog.mjs'), referenceFile], { encoding: 'utf8' });
        assert.equal(run.status, 0, run.stderr);
        const regenerated = readFileSync(path.join(scratch, 'src/core/catalog/tables.generated.ts'), 'utf8');
        const committed = readFileSync(path.join(repoRoot, 'src/core/catalog/tables.generated.ts'), 'utf8');
        assert.equal(committed, regenerated, 'tables.generated.ts is stale: run "npm run generate:catalog"');
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    });

    it('has the reference columns and types, with boolean read as bool', function () {
      if (!existsSync(referenceFile)) this.skip();
      const reference = JSON.parse(readFileSync(referenceFile, 'utf8')) as {
        tables: Record<string, { columns: Array<{ name: string; type: string }> }>;
      };
      assert.deepEqual(
        Object.keys(reference.tables),
        STREAMED_TABLES.map((t) => t.name),
      );
      let booleans = 0;
      for (const source of STREAMED_TABLES) {
        const expected = reference.tables[source.name].columns.map((c) => {
          if (c.type === 'boolean') booleans++;
          return [c.name, c.type === 'boolean' ? 'bool' : c.type];
        });
        assert.deepEqual(
          source.columns.map(([n, t]) => [n, t]),
          expected,
          source.name,
        );
      }
      assert.ok(booleans > 0, 'the reference is expected to use "boolean" somewhere');
    });
  });
});
