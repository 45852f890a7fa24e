import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  CATEGORY_PREFIX,
  DECORATION_COLUMNS,
  PER_TABLE_HUB_PREFIX,
  STREAMABLE_TABLES,
  STREAMABLE_TABLE_NAMES,
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
import { TABLE_SOURCES } from '../../../src/core/catalog/tables.generated';
import { streamStatusLabel } from '../../../src/core/catalog/streamStatus';

const repoRoot = path.resolve(__dirname, '../../..');
const referenceFile = path.resolve(repoRoot, '../shared/reference/advanced-hunting-schema.json');

interface ReferenceTable {
  columns: Array<{ name: string; type: string }>;
  streaming: string;
  observedInStreams?: boolean;
}
const reference = existsSync(referenceFile)
  ? (JSON.parse(readFileSync(referenceFile, 'utf8')) as { tables: Record<string, ReferenceTable> })
  : undefined;

/** The 21 tables of Microsoft's streaming page (GA). */
const GA_TABLES = [
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
  'IdentityDirectoryEvents',
  'IdentityLogonEvents',
  'IdentityQueryEvents',
  'UrlClickEvents',
];
/** Not on that page (or "not available" there), yet carried by real streamed records. */
const SEEN_TABLES = [
  'BehaviorEntities',
  'BehaviorInfo',
  'CloudAuditEvents',
  'CloudProcessEvents',
  'CloudStorageAggregatedEvents',
  'IdentityInfo',
  'MessageEvents',
  'MessagePostDeliveryEvents',
  'MessageUrlInfo',
];
const KUSTO_TYPES = new Set(['string', 'long', 'int', 'bool', 'datetime', 'dynamic', 'real', 'guid']);
const TYPE_ALIASES: Record<string, string> = { boolean: 'bool', object: 'dynamic', integer: 'int', 'nullable bool': 'bool' };

describe('core/catalog', () => {
  describe('tables', () => {
    it('holds the 66 Advanced Hunting tables: the 21 streamed (GA) first, then the 9 seen in streams, then the rest', () => {
      assert.equal(TABLES.length, 66);
      assert.equal(new Set(TABLE_NAMES).size, 66);
      assert.deepEqual(TABLE_NAMES.slice(0, 21), GA_TABLES);
      assert.deepEqual(TABLE_NAMES.slice(21, 30), SEEN_TABLES);
      assert.ok(TABLES.slice(30).every((t) => t.streamStatus === 'huntingOnly'));
      assert.deepEqual([...STREAMABLE_TABLE_NAMES], [...GA_TABLES, ...SEEN_TABLES]);
      assert.deepEqual(
        STREAMABLE_TABLES.map((t) => t.name),
        STREAMABLE_TABLE_NAMES,
      );
    });

    it('derives the stream status and labels it', () => {
      assert.equal(getTable('DeviceProcessEvents')?.streamStatus, 'streamed');
      assert.equal(getTable('IdentityInfo')?.streamStatus, 'seenInStreams');
      // BehaviorInfo: "not available" on the streaming page, yet real streams carry it.
      assert.deepEqual(
        [getTable('BehaviorInfo')?.streaming, getTable('BehaviorInfo')?.observedInStreams, getTable('BehaviorInfo')?.streamStatus],
        ['no', true, 'seenInStreams'],
      );
      assert.equal(getTable('MessageContents')?.streamStatus, 'huntingOnly');
      assert.equal(getTable('DeviceTvmSoftwareInventory')?.streamStatus, 'huntingOnly');
      assert.equal(streamStatusLabel('streamed'), 'streamed (GA)');
      assert.equal(streamStatusLabel('seenInStreams'), 'seen in real streams');
      assert.equal(streamStatusLabel('huntingOnly'), 'Advanced Hunting only');
    });

    it('derives category and per-table hub name from the table name', () => {
      for (const table of TABLES) {
        assert.equal(table.category, `AdvancedHunting-${table.name}`);
        assert.equal(table.hubName, `insights-logs-advancedhunting-${table.name.toLowerCase()}`);
      }
      assert.equal(getTable('DeviceProcessEvents')?.hubName, 'insights-logs-advancedhunting-deviceprocessevents');
    });

    it('gives every table only known Kusto types and no duplicate column; every streamable table has a Timestamp', () => {
      for (const table of TABLES) {
        assert.ok(table.columns.length > 0, table.name);
        // Inventory tables (DeviceTvm*, ExposureGraph*...) have no Timestamp; CallActivityEvents has ActivityTimestamp.
        if (table.streamStatus !== 'huntingOnly' || getColumn(table, 'Timestamp'))
          assert.equal(getColumn(table, 'Timestamp')?.type, 'datetime', table.name);
        for (const column of table.columns) assert.ok(KUSTO_TYPES.has(column.type), `${table.name}.${column.name}: ${column.type}`);
        assert.equal(table.columnsByName.size, table.columns.length, `${table.name} has duplicate columns`);
      }
    });

    it('normalises the documentation spellings "boolean" and "object" to "bool" and "dynamic"', () => {
      const types = new Set(TABLES.flatMap((t) => t.columns.map((c) => c.type as string)));
      assert.ok(!types.has('boolean') && !types.has('object'));
      // CloudStorageAggregatedEvents documents OperationNamesList as "object".
      assert.equal(getColumn(getTable('CloudStorageAggregatedEvents')!, 'OperationNamesList')?.type, 'dynamic');
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
      assert.equal(getTableByCategory('AdvancedHunting-IdentityInfo')?.name, 'IdentityInfo');
      assert.equal(getTableByCategory('AdvancedHunting-ContosoCustomEvents'), undefined);
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
      assert.equal(tableNameFromCategory('AdvancedHunting-ContosoCustomEvents'), 'ContosoCustomEvents');
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

    it('knows the tables beyond the 21 streamed ones (IdentityInfo), and invents none', () => {
      assert.equal(suggestTable('AdvancedHunting-IdentityInfo').table?.name, 'IdentityInfo');
      assert.equal(suggestTable('AdvancedHunting-IdentityInfo').reason, undefined);
      const s = suggestTable('AdvancedHunting-ContosoCustomEvents');
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

    it('normalises type spellings and reads an unknown type as string, with a note', () => {
      const scratch = mkdtempSync(path.join(os.tmpdir(), 'dse-catalog-'));
      try {
        mkdirSync(path.join(scratch, 'scripts'));
        mkdirSync(path.join(scratch, 'src/core/catalog'), { recursive: true });
        copyFileSync(path.join(repoRoot, 'scripts/generate-catalog.mjs'), path.join(scratch, 'scripts/generate-catalog.mjs'));
        const input = path.join(scratch, 'reference.json');
        const columns = [
          { name: 'A', type: 'boolean' },
          { name: 'B', type: 'object' },
          { name: 'C', type: 'integer' },
          { name: 'D', type: 'enum' },
          { name: 'E', type: 'guid' },
        ];
        writeFileSync(input, JSON.stringify({ source: 'test', retrieved: 'today', tables: { T: { streaming: 'ga', columns } } }));
        const run = spawnSync(process.execPath, [path.join(scratch, 'scripts/generate-catalog.mjs'), input], { encoding: 'utf8' });
        assert.equal(run.status, 0, run.stderr);
        assert.match(run.stdout, /note: T\.D: type "enum" is not a Kusto type; read as string/);
        const generated = readFileSync(path.join(scratch, 'src/core/catalog/tables.generated.ts'), 'utf8');
        assert.match(generated, /\/\/ Note: T\.D: type "enum" is not a Kusto type; read as string\./);
        assert.ok(
          generated.includes(
            "{ name: 'T', streaming: 'ga', observedInStreams: false, columns: [['A', 'bool'], ['B', 'dynamic'], ['C', 'int'], ['D', 'string'], ['E', 'guid']] },",
          ),
          generated,
        );
      } finally {
        rmSync(scratch, { recursive: true, force: true });
      }
    });

    it('has every reference table, column and type (normalised), and its streaming status', function () {
      if (!reference) this.skip();
      const tables = reference.tables;
      assert.deepEqual(
        TABLE_SOURCES.map((t) => t.name),
        Object.keys(tables),
      );
      assert.deepEqual(new Set(TABLE_NAMES), new Set(Object.keys(tables)));
      for (const [name, ref] of Object.entries(tables)) {
        const table = getTable(name);
        assert.ok(table, name);
        const expected = ref.columns.map((c) => {
          const type = TYPE_ALIASES[c.type] ?? c.type;
          return { name: c.name, type: KUSTO_TYPES.has(type) ? type : 'string' };
        });
        assert.deepEqual(table.columns, expected, name);
        assert.equal(table.streaming, ref.streaming, name);
        assert.equal(table.observedInStreams, ref.observedInStreams === true, name);
        const status = ref.streaming === 'ga' ? 'streamed' : ref.observedInStreams === true ? 'seenInStreams' : 'huntingOnly';
        assert.equal(table.streamStatus, status, name);
      }
      assert.equal(Object.values(tables).filter((t) => t.streaming === 'ga').length, 21);
      assert.equal(Object.values(tables).filter((t) => t.streaming !== 'ga' && t.observedInStreams === true).length, 9);
    });

    it('is read from advanced-hunting-schema.json only: nothing reads the superseded advanced-hunting-tables.json', () => {
      const files: string[] = [];
      for (const dir of ['src', 'scripts', 'test', 'bench']) {
        for (const entry of readdirSync(path.join(repoRoot, dir), { recursive: true, withFileTypes: true })) {
          if (!entry.isFile() || !/\.(ts|mjs|js|cjs|json)$/.test(entry.name)) continue;
          const file = path.join(entry.parentPath, entry.name);
          if (file === __filename) continue;
          if (readFileSync(file, 'utf8').includes('advanced-hunting-tables')) files.push(path.relative(repoRoot, file));
        }
      }
      assert.deepEqual(files, []);
    });
  });
});
