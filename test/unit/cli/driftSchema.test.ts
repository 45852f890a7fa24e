// `defender-stream drift` and `defender-stream schema`, run in-process like the other CLI tests.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { TABLES } from '../../../src/core/catalog/schemaCatalog';
import { runCli } from '../../../src/cli/runCli';
import { capture, type Captured } from './captureIo';

function rec(table: string, properties: Record<string, unknown>): Record<string, unknown> {
  return { time: '2026-11-25T10:00:00Z', tenantId: 't', category: `AdvancedHunting-${table}`, properties };
}

async function run(...args: string[]): Promise<Captured & { code: number }> {
  const io = capture();
  const code = await runCli(args, io);
  return Object.assign(io, { code });
}

describe('cli: defender-stream drift', () => {
  let dir: string;
  const file = (name: string, text: string): string => {
    const p = path.join(dir, name);
    writeFileSync(p, text);
    return p;
  };
  let drifting: string;
  let clean: string;
  let tenant: string;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dse-drift-'));
    drifting = file(
      'drifting.ndjson',
      [
        rec('DeviceProcessEvents', { DeviceName: 'a', NetworkAdapterName: 'eth0', ProcessId: 'abc' }),
        rec('DeviceProcessEvents', { DeviceName: 'b', NetworkAdapterName: 'eth1', ProcessId: 7 }),
        rec('ContosoCustomEvents', { A: 1 }),
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    );
    const all = TABLES.find((t) => t.name === 'AlertInfo')?.columns ?? [];
    clean = file('clean.json', JSON.stringify({ records: [rec('AlertInfo', Object.fromEntries(all.map((c) => [c.name, null])))] }));
    tenant = file(
      'schema.json',
      JSON.stringify({
        version: 1,
        updatedAt: '2026-12-01T00:00:00Z',
        source: 'test',
        tables: {
          DeviceProcessEvents: {
            columns: [
              { name: 'DeviceName', type: 'string' },
              { name: 'NetworkAdapterName', type: 'string' },
              { name: 'ProcessId', type: 'long' },
            ],
          },
          ContosoCustomEvents: { columns: [{ name: 'A', type: 'long' }] },
        },
      }),
    );
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints per table the columns not in the schema, type conflicts and columns never seen, and exits 1', async () => {
    const r = await run('drift', drifting);
    assert.equal(r.code, 1);
    const lines = r.out.trim().split('\n');
    assert.equal(lines[0], 'ContosoCustomEvents: 1 record, no schema knows this table');
    assert.equal(lines[1], 'DeviceProcessEvents: 2 records (catalog)');
    assert.equal(lines[2], '  not in schema  NetworkAdapterName: 2 records, string');
    assert.equal(lines[3], '  type conflict  ProcessId: expected long, seen string (1 value)');
    assert.match(lines[4], /^ {2}never seen {5}\d+ schema columns: Timestamp \(datetime\), DeviceId \(string\), /);
    assert.match(
      r.err,
      /^1 column not in the schema, 1 type conflict, 1 unknown table, \d+ schema columns never seen; 3 records in 2 tables from 1 file\n$/,
    );
  });

  it('exits 0 when nothing drifts (columns never seen are normal)', async () => {
    const r = await run('drift', clean);
    assert.equal(r.code, 0, r.err);
    assert.equal(r.out, '');
    assert.match(
      r.err,
      /0 columns not in the schema, 0 type conflicts, 0 unknown tables, 0 schema columns never seen; 1 record in 1 table from 1 file/,
    );
  });

  it('--json prints [{table, column, kind, count, expected?, seen?}]', async () => {
    const r = await run('drift', '--json', drifting);
    assert.equal(r.code, 1);
    const findings = JSON.parse(r.out) as Array<Record<string, unknown>>;
    assert.deepEqual(findings.slice(0, 3), [
      { table: 'ContosoCustomEvents', column: '', kind: 'unknownTable', count: 1 },
      { table: 'DeviceProcessEvents', column: 'NetworkAdapterName', kind: 'unknownColumn', count: 2, seen: ['string'] },
      { table: 'DeviceProcessEvents', column: 'ProcessId', kind: 'typeConflict', count: 1, expected: 'long', seen: ['string'] },
    ]);
    assert.ok(findings.slice(3).every((f) => f.kind === 'unseenColumn' && f.count === 2 && typeof f.expected === 'string'));
  });

  it('--schema checks against a tenant schema over the catalog', async () => {
    const r = await run('drift', '--json', '--schema', tenant, drifting);
    const findings = JSON.parse(r.out) as Array<Record<string, unknown>>;
    // The tenant schema knows ContosoCustomEvents and holds NetworkAdapterName: only the string ProcessId is left.
    assert.deepEqual(findings, [
      { table: 'DeviceProcessEvents', column: 'ProcessId', kind: 'typeConflict', count: 1, expected: 'long', seen: ['string'] },
    ]);
    assert.equal(r.code, 1);
    assert.match(r.err, /tenant schema over the catalog/);
  });

  it('exits 2 with a clear message for a malformed or oversized --schema file, an unreadable file, or no file', async () => {
    const broken = file('broken.json', '{"version": 1, "tables": [');
    const wrong = file('wrong.json', JSON.stringify({ version: 2, tables: {} }));
    const big = file('big.json', ' '.repeat(3 * 1024 * 1024));
    for (const [schema, message] of [
      [broken, /broken\.json is not a usable tenant schema: it is not valid JSON/],
      [wrong, /wrong\.json is not a usable tenant schema: its "version" is not 1/],
      [big, /big\.json is larger than 2 MB/],
      [path.join(dir, 'missing.json'), /cannot read .*missing\.json \(ENOENT\)/],
    ] as const) {
      const r = await run('drift', '--schema', schema, drifting);
      assert.equal(r.code, 2, schema);
      assert.match(r.err, message);
      assert.equal(r.out, '');
    }
    const unreadable = await run('drift', drifting, path.join(dir, 'nope.ndjson'));
    assert.equal(unreadable.code, 2);
    assert.match(unreadable.err, /cannot read .*nope\.ndjson \(ENOENT\)/);
    assert.equal((await run('drift')).code, 2);
    assert.equal((await run('drift', '--schema')).code, 2);
  });

  it('prints names from records terminal-safe: no escape sequence or bidi override reaches the terminal', async () => {
    const hostile = file('hostile.ndjson', JSON.stringify(rec('DeviceEvents', { 'Evil\u001b[2J\u202eName': '\u001b]0;x\u0007' })));
    for (const args of [
      ['drift', hostile],
      ['drift', '--json', hostile],
    ]) {
      const r = await run(...args);
      assert.doesNotMatch(r.out + r.err, /[\u001b\u202e\u0007]/);
      assert.match(r.out, /Evil\\u001b\[2J\\u202eName/);
    }
  });
});

describe('cli: defender-stream schema', () => {
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'dse-schema-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('prints every table with its streaming status and columns with types', async () => {
    const r = await run('schema');
    assert.equal(r.code, 0);
    assert.match(r.out, /^AlertEvidence {2}streamed \(GA\) {2}\d+ columns\n {2}Timestamp +datetime\n/);
    assert.match(r.out, /\nIdentityInfo {2}seen in real streams {2}\d+ columns\n/);
    assert.match(r.out, /\n\w+ {2}Advanced Hunting only {2}\d+ columns\n/);
    assert.equal(r.err, `${TABLES.length} tables\n`);
  });

  it('--table prints one table; --streamed keeps the tables that reach Event Hubs; an unknown table exits 1', async () => {
    const one = await run('schema', '--table', 'IdentityLogonEvents');
    assert.equal(one.code, 0);
    const lines = one.out.trim().split('\n');
    assert.match(lines[0], /^IdentityLogonEvents {2}streamed \(GA\) {2}\d+ columns$/);
    assert.equal(lines.length, (TABLES.find((t) => t.name === 'IdentityLogonEvents')?.columns.length ?? 0) + 1);
    const streamed = await run('schema', '--streamed', '--json');
    const rows = JSON.parse(streamed.out) as Array<{ table: string; streamStatus: string }>;
    assert.ok(rows.length >= 21 && rows.every((t) => t.streamStatus !== 'huntingOnly'), JSON.stringify(rows.map((t) => t.streamStatus)));
    assert.deepEqual(
      rows.map((t) => t.table),
      TABLES.filter((t) => t.streamStatus !== 'huntingOnly').map((t) => t.name),
    );
    const unknown = await run('schema', '--table', 'DeviceProcesEvents');
    assert.equal(unknown.code, 1);
    assert.match(unknown.err, /no table "DeviceProcesEvents"; did you mean DeviceProcessEvents/);
    assert.equal((await run('schema', 'file.json')).code, 2);
  });

  it('--json prints {table, streamStatus, origin, columns}; --schema overrides with a tenant schema', async () => {
    const tenant = path.join(dir, 'schema.json');
    writeFileSync(
      tenant,
      JSON.stringify({
        version: 1,
        updatedAt: '2026-12-01T00:00:00Z',
        source: 'test',
        tables: {
          AlertInfo: { columns: [{ name: 'Title', type: 'string' }] },
          ContosoCustomEvents: { columns: [{ name: 'A', type: 'long' }] },
        },
      }),
    );
    const r = await run('schema', '--json', '--schema', tenant);
    assert.equal(r.code, 0, r.err);
    const rows = JSON.parse(r.out) as Array<{ table: string; streamStatus: string; origin: string; columns: unknown[] }>;
    assert.deepEqual(
      rows.find((t) => t.table === 'AlertInfo'),
      { table: 'AlertInfo', streamStatus: 'streamed', origin: 'tenant', columns: [{ name: 'Title', type: 'string' }] },
    );
    assert.deepEqual(rows.at(-1), {
      table: 'ContosoCustomEvents',
      streamStatus: 'huntingOnly',
      origin: 'tenant',
      columns: [{ name: 'A', type: 'long' }],
    });
    assert.equal(rows.find((t) => t.table === 'EmailEvents')?.origin, 'catalog');
    const text = await run('schema', '--schema', tenant, '--table', 'ContosoCustomEvents');
    assert.equal(text.out, 'ContosoCustomEvents  Advanced Hunting only, tenant schema  1 column\n  A  long\n');
    assert.equal(text.err, '1 table (tenant schema over the catalog)\n');
  });
});
