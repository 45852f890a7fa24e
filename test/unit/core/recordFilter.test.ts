import assert from 'node:assert/strict';
import type { DecodedRecord } from '../../../src/core/decode/types';
import { compileFilter, recordJson } from '../../../src/core/filter/recordFilter';

function rec(table: string, properties: Record<string, unknown>): DecodedRecord {
  return { table, known: true, record: { category: `AdvancedHunting-${table}`, properties }, bytes: 100 };
}

const PROC = rec('DeviceProcessEvents', { FileName: 'PowerShell.exe', DeviceName: 'ws-001' });
const NET = rec('DeviceNetworkEvents', { RemoteIP: '10.0.0.5', DeviceName: 'ws-002' });
const ALERT = rec('AlertInfo', { Title: 'Suspicious PowerShell command line' });
const UNKNOWN: DecodedRecord = { table: '', known: false, record: { foo: 'bar' }, bytes: 10 };
const ALL = [PROC, NET, ALERT, UNKNOWN];

function kept(spec: Parameters<typeof compileFilter>[0]): DecodedRecord[] {
  const filter = compileFilter(spec);
  return ALL.filter((r) => filter.matches(r));
}

describe('core/filter/recordFilter', () => {
  it('keeps everything when empty', () => {
    for (const spec of [undefined, {}, { tables: [] }, { text: '' }, { tables: [], text: '' }]) {
      const filter = compileFilter(spec);
      assert.equal(filter.isEmpty, true);
      assert.deepEqual(kept(spec), ALL);
    }
  });

  it('keeps only the given tables', () => {
    const filter = compileFilter({ tables: ['DeviceProcessEvents', 'AlertInfo'] });
    assert.equal(filter.isEmpty, false);
    assert.deepEqual(kept({ tables: ['DeviceProcessEvents', 'AlertInfo'] }), [PROC, ALERT]);
    assert.deepEqual(kept({ tables: ['EmailEvents'] }), []);
  });

  it('matches table names exactly (case-sensitive)', () => {
    assert.deepEqual(kept({ tables: ['deviceprocessevents'] }), []);
  });

  it('can select records without a table', () => {
    assert.deepEqual(kept({ tables: [''] }), [UNKNOWN]);
  });

  it('searches text case-insensitively over the whole record JSON', () => {
    assert.deepEqual(kept({ text: 'powershell' }), [PROC, ALERT]);
    assert.deepEqual(kept({ text: 'POWERSHELL.EXE' }), [PROC]);
    assert.deepEqual(kept({ text: '10.0.0.5' }), [NET]);
    assert.deepEqual(kept({ text: 'AdvancedHunting-Alert' }), [ALERT]); // the envelope is searched too
    assert.deepEqual(kept({ text: '"foo":"bar"' }), [UNKNOWN]);
    assert.deepEqual(kept({ text: 'nothing like this' }), []);
  });

  it('combines tables and text (both must match)', () => {
    assert.deepEqual(kept({ tables: ['AlertInfo'], text: 'powershell' }), [ALERT]);
    assert.deepEqual(kept({ tables: ['DeviceNetworkEvents'], text: 'powershell' }), []);
    assert.deepEqual(kept({ tables: ['DeviceProcessEvents', 'DeviceNetworkEvents'], text: 'ws-00' }), [PROC, NET]);
  });

  it('combines a where expression with tables and text', () => {
    assert.deepEqual(kept({ where: 'DeviceName startswith "ws-"' }), [PROC, NET]);
    assert.deepEqual(kept({ where: 'FileName =~ "powershell.exe"' }), [PROC]);
    assert.deepEqual(kept({ where: 'DeviceName has "ws"', tables: ['DeviceNetworkEvents'] }), [NET]);
    assert.deepEqual(kept({ where: 'DeviceName has "ws"', text: 'powershell' }), [PROC]);
    assert.deepEqual(kept({ where: 'isempty(DeviceName)' }), [ALERT, UNKNOWN]);
    assert.deepEqual(kept({ where: '  ' }), ALL, 'a blank where keeps everything');
    assert.equal(compileFilter({ where: 'x == 1' }).isEmpty, false);
    assert.equal(compileFilter({ where: '' }).isEmpty, true);
    assert.throws(() => compileFilter({ where: 'DeviceName ==' }), /Invalid where expression at column 14: expected a value after '=='/);
  });

  it('checks the where texts on the record JSON before reading the record, and reads a record once', () => {
    let reads = 0;
    const counted = (json: string): DecodedRecord & { json: string } => ({
      table: 'T',
      known: true,
      bytes: 1,
      json,
      get record() {
        reads++;
        return JSON.parse(json) as DecodedRecord['record'];
      },
    });
    const filter = compileFilter({ where: 'ActionType == "ConnectionFailed" and RemotePort == 443' });
    assert.equal(filter.matches(counted('{"properties":{"ActionType":"ConnectionSuccess","RemotePort":443}}')), false);
    assert.equal(reads, 0, 'not parsed: the JSON lacks "connectionfailed"');
    assert.equal(filter.matches(counted('{"properties":{"ActionType":"ConnectionFailed","RemotePort":443}}')), true);
    assert.equal(
      filter.matches(counted('{"properties":{"ActionType":"connectionfailed","RemotePort":443}}')),
      false,
      '== is case-sensitive',
    );
    assert.equal(reads, 2);
  });

  it('keeps the spec it was compiled from', () => {
    const spec = { tables: ['AlertInfo'], text: 'x' };
    assert.equal(compileFilter(spec).spec, spec);
  });

  it('computes each record JSON once and reuses it', () => {
    const record = rec('AlertInfo', { Title: 't' });
    const first = recordJson(record);
    assert.equal(first, JSON.stringify(record.record));
    (record.record as { properties: Record<string, unknown> }).properties.Title = 'changed';
    assert.equal(recordJson(record), first, 'cached by record object');
  });

  it('does not throw on a record JSON cannot hold; the table filter still applies', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 20_000; i++) {
      const next: Record<string, unknown> = {};
      deep.a = next;
      deep = next;
    }
    const record: DecodedRecord = { table: 'AlertInfo', known: true, record: { properties: root }, bytes: 1 };
    assert.equal(compileFilter({ text: 'x' }).matches(record), false);
    assert.equal(compileFilter({ tables: ['AlertInfo'] }).matches(record), true);
  });
});
