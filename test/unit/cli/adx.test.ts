// defender-stream adx and validate --schema: the tenant schema and the ADX script from a terminal.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli } from '../../../src/cli/runCli';
import { record } from '../validation/helpers';
import { capture } from './captureIo';

const SCHEMA = {
  version: 1,
  updatedAt: '2026-12-01T08:00:00.000Z',
  source: 'getschema import from DeviceInfo.csv',
  tables: {
    DeviceInfo: {
      columns: [
        { name: 'Timestamp', type: 'datetime' },
        { name: 'DeviceId', type: 'string' },
        { name: 'OSBuild', type: 'string' },
        { name: 'TenantOnlyColumn', type: 'long' },
      ],
    },
    CustomTable: { columns: [{ name: 'A', type: 'long' }] },
  },
};

describe('cli: defender-stream adx and validate --schema', () => {
  let dir: string;
  let schemaFile: string;
  let brokenSchema: string;
  let sample: string;

  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'dse-adx-'));
    schemaFile = path.join(dir, 'schema.json');
    writeFileSync(schemaFile, JSON.stringify(SCHEMA));
    brokenSchema = path.join(dir, 'broken.json');
    writeFileSync(
      brokenSchema,
      JSON.stringify({ ...SCHEMA, tables: { __proto__: null, DeviceInfo: { columns: [{ name: 'A', type: 'varchar' }] } } }),
    );
    sample = path.join(dir, 'sample.defender.json');
    // TenantOnlyColumn is unknown to the catalog; OSBuild is a long in the catalog but a string here.
    writeFileSync(
      sample,
      JSON.stringify({ records: [record('DeviceInfo', { DeviceId: 'd1', OSBuild: '22631.x', TenantOnlyColumn: 5 })] }, null, 2),
    );
  });

  after(() => rmSync(dir, { recursive: true, force: true }));

  it('adx prints the script for the chosen tables (single hub by default) and exits 0', async () => {
    const io = capture();
    assert.equal(await runCli(['adx', '--tables', 'DeviceProcessEvents,devicenetworkevents'], io), 0);
    assert.equal(io.err, '');
    assert.match(io.out, /^\/\/ Azure Data Explorer ingestion of Microsoft Defender XDR streaming/);
    assert.match(io.out, /^\.create-merge table DefenderRaw \(records: dynamic\)/m);
    assert.match(io.out, /^\.create-merge table DeviceProcessEvents \($/m);
    assert.match(io.out, /^\.create-merge table DeviceNetworkEvents \($/m); // letter case corrected
    assert.match(io.out, /column types from the built-in catalog/);
  });

  it("adx --per-table makes one landing table per table; --schema takes the tenant schema's types and tables", async () => {
    const io = capture();
    assert.equal(await runCli(['adx', '--tables', 'DeviceInfo,CustomTable', '--per-table', '--schema', schemaFile], io), 0);
    assert.match(io.out, /^\.create-merge table DeviceInfoRaw \(records: dynamic\)/m);
    assert.match(io.out, /^\.create-merge table CustomTableRaw \(records: dynamic\)/m);
    assert.match(io.out, /^ {4}TenantOnlyColumn: long,?$/m);
    assert.match(io.out, /^ {4}OSBuild: string,$/m);
    assert.match(io.out, /column types from the tenant schema \(updated 2026-12-01T08:00:00\.000Z\)/);
  });

  it('adx: bad usage and unknown tables exit 2 with a reason', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['adx'], /"--tables" is required/],
      [['adx', '--tables'], /"--tables" needs a value/],
      [['adx', '--tables', ' , '], /needs at least one table name/],
      [['adx', '--tables', 'DeviceProcesEvents'], /unknown table "DeviceProcesEvents"\. Did you mean DeviceProcessEvents/],
      [['adx', '--tables', 'DeviceInfo', 'extra'], /unexpected argument "extra"/],
      [
        ['adx', '--tables', 'DeviceInfo', '--schema', path.join(os.tmpdir(), 'no-such-dse-schema.json')],
        /cannot read .*no-such-dse-schema\.json \(ENOENT\)/,
      ],
    ];
    for (const [argv, expected] of cases) {
      const io = capture();
      assert.equal(await runCli(argv, io), 2, argv.join(' '));
      assert.match(io.err, expected);
      assert.equal(io.out, '');
    }
  });

  it('adx and validate refuse a schema file that is not a usable tenant schema (exit 2, saying why)', async () => {
    for (const argv of [
      ['adx', '--tables', 'DeviceInfo', '--schema', brokenSchema],
      ['validate', '--schema', brokenSchema, sample],
    ]) {
      const io = capture();
      assert.equal(await runCli(argv, io), 2);
      assert.match(io.err, /the type "varchar" is not one of/);
      assert.equal(io.out, '');
    }
  });

  it('validate --schema checks rows against the tenant schema: a column unknown to the catalog becomes known, a type changes', async () => {
    const plain = capture();
    assert.equal(await runCli(['validate', sample], plain), 1);
    assert.match(plain.out, /"TenantOnlyColumn"/);
    assert.match(plain.out, /"OSBuild" is a long column/);

    const withSchema = capture();
    assert.equal(await runCli(['validate', '--schema', schemaFile, sample], withSchema), 0);
    assert.doesNotMatch(withSchema.out, /TenantOnlyColumn|OSBuild/);
    assert.match(withSchema.err, /0 errors, \d+ warnings? in 1 file/);
  });

  it('both are described in --help', async () => {
    const io = capture();
    assert.equal(await runCli(['--help'], io), 0);
    assert.match(io.out, /^ {2}adx +Print the Azure Data Explorer tables/m);
    const usage = capture();
    assert.equal(await runCli(['validate', '--help'], usage), 0);
    assert.match(usage.out, /--schema FILE/);
  });
});
