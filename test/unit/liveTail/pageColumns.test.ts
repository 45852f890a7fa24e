import assert from 'node:assert/strict';
import type { WireEntry } from '../../../src/liveTail/shared/protocol';
import { columnValues, gridColumns, joinedValues, rowColumns } from '../../../src/webviewUi/liveTail/columns';

function entry(json: string, table = 'DeviceEvents'): WireEntry {
  return { id: 1, kind: 'record', time: '', table, known: true, summary: 'the summary', partition: '0', seq: 1, json };
}

describe('live tail page: chosen columns of a row', () => {
  const json = JSON.stringify({
    time: '2026-12-01T10:00:00Z',
    tenantId: 't-1',
    category: 'AdvancedHunting-DeviceEvents',
    properties: { DeviceName: 'wks-1', RemotePort: 443, Extra: { a: [1, 2] }, Note: 'two\nlines', Empty: null, time: 'inner' },
  }).replace('443', '12345678901234567890');

  it('reads properties columns first, envelope fields otherwise; values as text (numbers as written, dynamic as JSON)', () => {
    assert.deepEqual(
      columnValues(entry(json), ['DeviceName', 'RemotePort', 'Extra', 'Note', 'Empty', 'Missing', 'tenantId', 'time', '$summary']),
      ['wks-1', '12345678901234567890', '{"a":[1,2]}', 'two lines', '', '', 't-1', 'inner', 'the summary'],
    );
  });

  it('a row that is not JSON, or of a malformed message, shows its summary only', () => {
    assert.deepEqual(columnValues(entry('not json'), ['DeviceName', '$summary']), ['', 'the summary']);
    assert.deepEqual(columnValues({ ...entry(json), kind: 'malformed' }, ['DeviceName']), ['']);
  });

  it('shows the chosen columns as grid columns only when the filter shows one table', () => {
    const chosen = { DeviceEvents: ['DeviceName', '$summary'] };
    assert.deepEqual(gridColumns({ tables: ['DeviceEvents'], text: '' }, chosen), ['DeviceName', '$summary']);
    assert.equal(gridColumns({ tables: ['DeviceEvents'], text: '', other: true }, chosen), undefined);
    assert.equal(gridColumns({ tables: ['DeviceEvents', 'EmailEvents'], text: '' }, chosen), undefined);
    assert.equal(gridColumns({ tables: ['toString'], text: '' }, chosen), undefined, 'no inherited names');
    assert.deepEqual(rowColumns(entry(json), chosen), ['DeviceName', '$summary']);
    assert.equal(rowColumns(entry(json, 'EmailEvents'), chosen), undefined);
    assert.equal(
      joinedValues(entry(json), ['DeviceName', 'RemotePort', '$summary']),
      'DeviceName: wks-1 · RemotePort: 12345678901234567890 · the summary',
    );
  });

  it('shortens a long value', () => {
    const long = JSON.stringify({ properties: { A: 'x'.repeat(1000) } });
    const [value] = columnValues(entry(long), ['A']);
    assert.equal(value?.length, 300);
    assert.ok(value?.endsWith('…'));
  });
});
