import assert from 'node:assert/strict';
import { CapacityMeter, NO_TABLE } from '../../../src/capacity/capacityMeter';
import { tablesFromArgument } from '../../../src/kql/contextTables';

function rec(table: string, pad = ''): Record<string, unknown> {
  return {
    time: '2025-01-31T08:00:00Z',
    tenantId: 't',
    category: `AdvancedHunting-${table}`,
    properties: { Timestamp: '2025-01-31T08:00:00Z', Pad: pad },
  };
}

describe('kql: capacity meter', () => {
  it('counts records, bytes and events per table from raw bodies', () => {
    const meter = new CapacityMeter();
    const a = Buffer.from(
      JSON.stringify({ records: [rec('DeviceProcessEvents', 'x'.repeat(300)), rec('DeviceProcessEvents', 'y'.repeat(300))] }),
    );
    const b = Buffer.from(
      JSON.stringify({
        records: [rec('DeviceProcessEvents'), rec('DeviceNetworkEvents'), rec('DeviceNetworkEvents'), rec('DeviceNetworkEvents')],
      }),
    );
    meter.add(a);
    meter.add(b);
    const snap = meter.snapshot(10);
    assert.equal(snap.events, 2);
    assert.equal(snap.records, 6);
    assert.equal(snap.bytes, a.byteLength + b.byteLength);
    const dpe = snap.tables.find((t) => t.table === 'DeviceProcessEvents');
    const dne = snap.tables.find((t) => t.table === 'DeviceNetworkEvents');
    assert.equal(dpe?.records, 3);
    assert.equal(dne?.records, 3);
    assert.equal(dpe?.events, 1.25);
    assert.equal(dne?.events, 0.75);
    assert.equal(dpe?.bytes, a.byteLength + b.byteLength / 4);
    assert.equal(dne?.bytes, (3 * b.byteLength) / 4);
    assert.equal(dpe?.seconds, 10);
    assert.equal(snap.tables[0].table, 'DeviceProcessEvents', 'heaviest first');
  });

  it('keeps unreadable messages and records without a category apart', () => {
    const meter = new CapacityMeter();
    meter.add(Buffer.from('not json at all'));
    meter.add(Buffer.from(JSON.stringify({ records: [{ properties: { a: 1 } }, 5] })));
    meter.add(Buffer.from(JSON.stringify({ records: [rec('IdentityInfo')] })));
    const snap = meter.snapshot(1);
    assert.equal(snap.events, 3);
    assert.equal(snap.malformedEvents, 1);
    assert.ok(snap.malformedBytes > 15);
    assert.deepEqual(snap.tables.map((t) => t.table).sort(), [NO_TABLE, 'IdentityInfo'].sort());
  });
});

describe('kql: tables from a command argument', () => {
  it('reads a per-table hub node, a HubTarget, the tail filter and a multi-selection', () => {
    assert.deepEqual(tablesFromArgument({ configId: 'c', hubName: 'insights-logs-advancedhunting-deviceprocessevents' }), [
      'DeviceProcessEvents',
    ]);
    assert.deepEqual(tablesFromArgument({ table: 'EmailEvents', hubName: 'whatever' }), ['EmailEvents']);
    assert.deepEqual(tablesFromArgument({ tables: ['DeviceLogonEvents', 'Nope', 'DeviceLogonEvents', 'UrlClickEvents'] }), [
      'DeviceLogonEvents',
      'UrlClickEvents',
    ]);
    assert.deepEqual(tablesFromArgument({ table: 'EmailEvents' }, [{ table: 'EmailEvents' }, { table: 'AlertInfo' }]), [
      'EmailEvents',
      'AlertInfo',
    ]);
    assert.deepEqual(tablesFromArgument({ hubName: 'defender-stream' }), []);
    assert.deepEqual(tablesFromArgument(undefined, 'DeviceEvents', 42), []);
  });
});
