import assert from 'node:assert/strict';
import { STREAMABLE_TABLES, getColumn, getTable, getTableByCategory } from '../../../src/core/catalog/schemaCatalog';
import type { KustoType } from '../../../src/core/catalog/schemaCatalog';
import { decodeMessage } from '../../../src/core/decode/decodeMessage';
import {
  BAD_MESSAGE_KINDS,
  DRIFT_COLUMNS,
  DefenderTrafficGenerator,
  HOSTILE_STRINGS,
  NOT_STREAMED_COLUMNS,
  UNKNOWN_TABLE,
} from '../../../src/traffic/index';

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,7})?Z$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** The strict type rule every generated value must satisfy; returns a problem or undefined. */
function typeProblem(value: unknown, type: KustoType): string | undefined {
  if (value === null) return type === 'string' || type === 'dynamic' ? undefined : 'null in a non-string column';
  switch (type) {
    case 'string':
      return typeof value === 'string' ? undefined : `not a string: ${typeof value}`;
    case 'long':
      return typeof value === 'number' && Number.isSafeInteger(value) ? undefined : `not a 64-bit integer: ${String(value)}`;
    case 'int':
      return typeof value === 'number' && Number.isInteger(value) && value >= -(2 ** 31) && value < 2 ** 31
        ? undefined
        : `not a 32-bit integer: ${String(value)}`;
    case 'real':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : 'not a number';
    case 'bool':
      return typeof value === 'boolean' ? undefined : `not a boolean: ${String(value)}`;
    case 'datetime':
      return typeof value === 'string' && ISO_UTC.test(value) && !Number.isNaN(Date.parse(value))
        ? undefined
        : `not ISO 8601 UTC: ${String(value)}`;
    case 'guid':
      return typeof value === 'string' && GUID.test(value) ? undefined : 'not a GUID';
    case 'dynamic':
      if (typeof value === 'object') return undefined;
      if (typeof value !== 'string') return `dynamic as ${typeof value}`;
      try {
        JSON.parse(value);
        return undefined;
      } catch {
        return 'dynamic string that is not JSON';
      }
  }
}

describe('traffic generator', () => {
  it('generates type-correct records for the 30 tables that reach Event Hubs (thousands checked)', () => {
    const gen = new DefenderTrafficGenerator({ seed: 7 });
    const problems: string[] = [];
    const seenTables = new Set<string>();
    let nulls = 0;
    let checked = 0;
    for (const table of STREAMABLE_TABLES) {
      for (const record of gen.records(150, table)) {
        const def = getTableByCategory(record.category);
        assert.ok(def, `unknown category ${record.category}`);
        seenTables.add(def.name);
        for (const [name, value] of Object.entries(record.properties)) {
          const column = getColumn(def, name) ?? (DRIFT_COLUMNS[def.name]?.column === name ? DRIFT_COLUMNS[def.name] : undefined);
          if (!column) {
            problems.push(`${def.name}.${name}: not in the catalog`);
            continue;
          }
          const problem = typeProblem(value, column.type);
          if (problem) problems.push(`${def.name}.${name} (${column.type}): ${problem}`);
          if (value === null) nulls++;
          checked++;
        }
      }
    }
    for (const record of gen.records(2000)) {
      const def = getTableByCategory(record.category)!;
      for (const [name, value] of Object.entries(record.properties)) {
        const problem = typeProblem(value, (getColumn(def, name) ?? DRIFT_COLUMNS[def.name]).type);
        if (problem) problems.push(`${def.name}.${name}: ${problem}`);
        checked++;
      }
    }
    assert.deepEqual(problems.slice(0, 10), []);
    assert.equal(seenTables.size, 30);
    assert.ok(checked > 100_000, `checked ${checked} values`);
    assert.ok(nulls > 0, 'some values are null, as in real data');
  });

  it('covers the 30 streamed or seen tables by default, in the mix, and no Advanced-Hunting-only one', () => {
    const gen = new DefenderTrafficGenerator({ seed: 'coverage' });
    assert.equal(gen.tables.length, 30);
    assert.deepEqual(
      gen.tables.map((t) => t.name),
      STREAMABLE_TABLES.map((t) => t.name),
    );
    const seen = new Set(gen.records(6000).map((r) => r.category.slice('AdvancedHunting-'.length)));
    assert.deepEqual([...seen].sort(), STREAMABLE_TABLES.map((t) => t.name).sort());
    assert.ok([...seen].every((name) => getTable(name)?.streamStatus !== 'huntingOnly'));
  });

  it('fills every catalog column (the new ones too) except those the docs say are not streamed, plus the one drift', () => {
    const gen = new DefenderTrafficGenerator({ seed: 'columns' });
    for (const table of STREAMABLE_TABLES) {
      const keys = Object.keys(gen.record(table).properties);
      const skipped = NOT_STREAMED_COLUMNS[table.name] ?? [];
      const expected = table.columns.map((c) => c.name).filter((n) => !skipped.includes(n));
      const drift = DRIFT_COLUMNS[table.name];
      if (drift) expected.push(drift.column);
      if (table.name.startsWith('Device') && !table.columnsByName.has('MachineGroup')) expected.push('MachineGroup');
      assert.deepEqual(keys, expected, table.name);
    }
    assert.deepEqual(NOT_STREAMED_COLUMNS, { EmailEvents: ['LatestDeliveryLocation', 'LatestDeliveryAction'] });
    // The drift is a column no page lists, so a drift view has something to show.
    assert.deepEqual(Object.keys(DRIFT_COLUMNS), ['DeviceProcessEvents']);
    assert.equal(getColumn(getTable('DeviceProcessEvents')!, 'NetworkAdapterName'), undefined);
    const values = Array.from({ length: 50 }, () => gen.record('DeviceProcessEvents').properties.NetworkAdapterName);
    assert.ok(
      values.some((v) => typeof v === 'string' && v !== ''),
      JSON.stringify(values),
    ); // Off on request (the validation benchmark needs a corpus without any finding).
    assert.ok(!('NetworkAdapterName' in new DefenderTrafficGenerator({ drift: false }).record('DeviceProcessEvents').properties));
  });

  it('gives the new columns and tables plausible values', () => {
    const gen = new DefenderTrafficGenerator({ seed: 'new-columns' });
    const info = gen.record('DeviceInfo').properties;
    assert.match(String(info.HardwareUuid), GUID);
    assert.equal(typeof info.AzureVmId, 'string');
    assert.equal(typeof info.CloudPlatforms, 'string');
    const proc = gen.record('DeviceProcessEvents').properties;
    assert.match(String(proc.ProcessUniqueId), /^\d+$/);
    assert.match(String(proc.InitiatingProcessUniqueId), /^\d+$/);
    const mail = gen.record('EmailEvents').properties;
    assert.match(String(mail.To), /@contoso\.com$/);
    assert.equal(typeof mail.Cc, 'string');
    assert.ok(Number.isInteger(mail.EmailSize) && (mail.EmailSize as number) > 0);
    assert.ok(mail.IsFirstContact === 0 || mail.IsFirstContact === 1);
    const identity = gen.record('IdentityInfo').properties;
    assert.match(String(identity.AccountUpn), /@contoso\.com$/);
    assert.equal(typeof identity.IsAccountEnabled, 'boolean');
    const teams = gen.record('MessageEvents').properties;
    assert.match(String(teams.ThreadId), /^19:[0-9a-f]+@thread\.v2$/);
    const container = gen.record('CloudProcessEvents').properties;
    assert.match(String(container.ContainerImageName), /:/);
    const storage = gen.record('CloudStorageAggregatedEvents').properties;
    assert.ok(Number.isInteger(storage.OperationsCount));
  });

  it('writes the real envelope and MachineGroup on Device* tables', () => {
    const gen = new DefenderTrafficGenerator({ seed: 3, tenantId: '11111111-2222-4333-8444-555555555555' });
    for (const record of gen.records(500)) {
      assert.match(record.time, ISO_UTC);
      assert.equal(record.tenantId, '11111111-2222-4333-8444-555555555555');
      assert.equal(record.operationName, 'Publish');
      assert.equal(record.Tenant, 'DefaultTenant');
      assert.match(record.category, /^AdvancedHunting-[A-Za-z]+$/);
      if (record.category.startsWith('AdvancedHunting-Device')) assert.ok('MachineGroup' in record.properties, record.category);
      assert.match(String(record.properties.Timestamp), ISO_UTC);
    }
  });

  it('fills columns with plausible values', () => {
    const gen = new DefenderTrafficGenerator({ seed: 11 });
    const p = gen.record('DeviceProcessEvents').properties;
    assert.match(String(p.SHA1), /^[0-9a-f]{40}$/);
    assert.match(String(p.SHA256), /^[0-9a-f]{64}$/);
    assert.match(String(p.MD5), /^[0-9a-f]{32}$/);
    assert.match(String(p.DeviceId), /^[0-9a-f]{40}$/);
    assert.match(String(p.AccountSid), /^S-1-5-/);
    assert.equal(typeof p.ProcessCommandLine, 'string');
    assert.match(String(p.FolderPath), new RegExp(`${String(p.FileName).replace('.', '\\.')}$`));
    const net = gen.record('DeviceNetworkEvents').properties;
    assert.match(String(net.RemoteIP), /^\d+\.\d+\.\d+\.\d+$/);
    assert.ok(Number.isInteger(net.RemotePort) && (net.RemotePort as number) > 0 && (net.RemotePort as number) < 65536);
    const mail = gen.record('EmailEvents').properties;
    assert.match(String(mail.RecipientEmailAddress), /@contoso\.com$/);
    assert.equal(typeof mail.Subject, 'string');
    const app = gen.record('CloudAppEvents').properties;
    for (const column of ['ActivityObjects', 'RawEventData'])
      assert.ok(app[column] === null || typeof app[column] === 'object' || typeof app[column] === 'string');
  });

  it('is deterministic for a seed and clock', () => {
    const now = () => Date.UTC(2026, 0, 1);
    const a = new DefenderTrafficGenerator({ seed: 99, now });
    const b = new DefenderTrafficGenerator({ seed: 99, now });
    const c = new DefenderTrafficGenerator({ seed: 100, now });
    assert.deepEqual(a.records(50), b.records(50));
    assert.notDeepEqual(new DefenderTrafficGenerator({ seed: 99, now }).records(5), c.records(5));
  });

  it('builds messages of several records of one table, about a kilobyte or more per record', () => {
    const gen = new DefenderTrafficGenerator({ seed: 5, recordsPerMessage: 6 });
    let records = 0;
    let bytes = 0;
    for (let i = 0; i < 200; i++) {
      const message = gen.message();
      const decoded = decodeMessage(message.body);
      assert.equal(decoded.malformed.length, 0);
      assert.ok(decoded.records.length >= 1 && decoded.records.length <= 6);
      assert.equal(new Set(decoded.records.map((r) => r.table)).size, 1);
      records += decoded.records.length;
      bytes += Buffer.byteLength(message.body as string);
    }
    assert.ok(records > 200);
    assert.ok(bytes / records > 700, `average record size ${bytes / records}`);
  });

  it('honours the table list and weights', () => {
    const gen = new DefenderTrafficGenerator({ seed: 1, tables: ['EmailEvents', 'AlertInfo'], weights: { AlertInfo: 0 } });
    const categories = new Set(gen.records(100).map((r) => r.category));
    assert.deepEqual([...categories], ['AdvancedHunting-EmailEvents']);
    assert.throws(() => new DefenderTrafficGenerator({ tables: ['DeviceProcesEvents'] }), /Did you mean "DeviceProcessEvents"/);
  });

  it('injects every kind of bad message on request', () => {
    const gen = new DefenderTrafficGenerator({ seed: 2 });
    const reasons = new Map<string, string[]>();
    for (const kind of BAD_MESSAGE_KINDS) {
      const message = gen.badMessage(kind);
      assert.equal(message.bad, kind);
      const decoded = decodeMessage(message.body);
      reasons.set(
        kind,
        decoded.malformed.map((m) => m.reason),
      );
    }
    for (const kind of ['not-json', 'empty', 'truncated', 'no-records', 'records-not-array', 'record-not-object'] as const) {
      assert.ok((reasons.get(kind) ?? []).length > 0, `${kind} must decode as malformed`);
    }
    const oversized = gen.badMessage('oversized');
    assert.ok(Buffer.byteLength(oversized.body as string) > 800_000 && Buffer.byteLength(oversized.body as string) < 1024 * 1024);
    const hostile = String(gen.badMessage('hostile').body);
    assert.ok(hostile.includes(JSON.stringify(HOSTILE_STRINGS[0]).slice(1, -1)), 'carries <img src=x onerror=alert(1)>');
    assert.ok(hostile.includes('\\u001b['), 'carries ANSI escapes');
    assert.ok(hostile.includes('\u202E'), 'carries an RTL override');
    const unknown = JSON.parse(String(gen.badMessage('unknown-table').body)) as { records: Array<{ category: string }> };
    assert.equal(unknown.records[0].category, `AdvancedHunting-${UNKNOWN_TABLE}`);
    assert.equal(getTable(UNKNOWN_TABLE), undefined);
    const wrong = JSON.parse(String(gen.badMessage('wrong-types').body)) as { records: Array<{ properties: Record<string, unknown> }> };
    assert.equal(wrong.records[0].properties.Timestamp, 'yesterday at noon');
  });
});
