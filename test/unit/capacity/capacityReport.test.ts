import assert from 'node:assert/strict';
import { planCapacity } from '../../../src/capacity/capacityPlan';
import { capacityReport } from '../../../src/capacity/capacityReport';
import type { CapacityMeasurement } from '../../../src/capacity/capacityMeter';
import { formatNumber, mdCode, mdText } from '../../../src/core/text/markdown';

const MiB = 1024 * 1024;

function measurement(tables: Array<[string, number, number]>): CapacityMeasurement {
  const seconds = 30;
  const rows = tables.map(([table, records, bytes]) => ({ table, records, events: records / 10, bytes, seconds }));
  return {
    seconds,
    tables: rows,
    events: rows.reduce((s, r) => s + r.events, 0),
    records: rows.reduce((s, r) => s + r.records, 0),
    bytes: rows.reduce((s, r) => s + r.bytes, 0),
    malformedEvents: 0,
    malformedBytes: 0,
  };
}

describe('kql: measured-capacity report', () => {
  it('lists each table with events/s, MB/s, average bytes, TUs and partitions, and both modes', () => {
    const m = measurement([
      ['DeviceProcessEvents', 30_000, 60 * MiB],
      ['DeviceNetworkEvents', 3_000, 3 * MiB],
    ]);
    const report = capacityReport({
      hubLabel: 'Demo (local) / defender-stream',
      measurement: m,
      plan: planCapacity(m.tables),
      startedAt: Date.UTC(2025, 0, 31, 8),
      measuredQuery: 'let defaultBytes_ = 500;',
    });
    const lines = report.split('\n');
    assert.equal(lines[0], '# Measured capacity: Demo (local) / defender-stream');
    assert.ok(report.includes('Measured for 30 s from 2025-01-31T08:00:00.000Z: 3,300 events, 33,000 records'));
    // 60 MiB in 30 s = 2 MiB/s; ×1.25 = 2.5 → 3 TUs; partitions max(2, 3) = 3. Average 60 MiB / 30,000 = 2,097 bytes.
    assert.ok(lines.includes('| `DeviceProcessEvents` | 1,000 | 100 | 2 | 2,097 | 3 | 3 |'), report);
    assert.ok(lines.includes('| `DeviceNetworkEvents` | 100 | 10 | 0.1 | 1,049 | 1 | 2 |'), report);
    // Single hub: 2.1 MiB/s × 1.25 = 2.625 → 3 TUs, 4 partitions.
    assert.ok(report.includes('- Throughput units: **3** (bound by MB/s, with 25 % headroom)'));
    assert.ok(report.includes('- Partitions: **4**'));
    assert.ok(report.includes('**1 namespace** for the 2 measured tables'));
    assert.ok(report.includes('```kusto\nlet defaultBytes_ = 500;\n```'));
  });

  it('escapes names that came from the stream', () => {
    const m = measurement([['<img src=x onerror=alert(1)>`|[link](http://evil)', 10, 1000]]);
    const report = capacityReport({ hubLabel: 'x *bold* <b>', measurement: m, plan: planCapacity(m.tables) });
    // Inside a code span, markup is shown as text; outside one it is escaped.
    assert.ok(!report.replace(/`[^`]*`/g, '').includes('<img'));
    assert.ok(!report.includes('<b>'));
    assert.ok(report.includes('`<img src=x onerror=alert(1)>ʼ\\|[link](http://evil)`'));
    assert.equal(mdText('a*b_c<d>'), 'a\\*b\\_c\\<d\\>');
    assert.equal(mdCode('line\nbreak'), '`line break`');
    assert.equal(mdCode(''), '(empty)');
  });

  it('says so when nothing arrived, and formats numbers stably', () => {
    const m = measurement([]);
    const report = capacityReport({ hubLabel: 'h', measurement: m, plan: planCapacity(m.tables) });
    assert.match(report, /No records arrived during the measurement/);
    assert.match(report, /\*\*0 namespaces\*\*/);
    assert.equal(formatNumber(1234567.891), '1,234,567.89');
    assert.equal(formatNumber(0.5, 0), '1');
    assert.equal(formatNumber(Number.NaN), '–');
  });

  it('names the stream status of measured tables that Microsoft does not list as streamed', () => {
    const m = measurement([
      ['DeviceProcessEvents', 300, MiB],
      ['IdentityInfo', 30, 100_000],
      ['DeviceTvmSoftwareInventory', 3, 10_000],
      ['ContosoCustomEvents', 3, 10_000],
      ['(no category)', 1, 100],
    ]);
    const report = capacityReport({ hubLabel: 'h', measurement: m, plan: planCapacity(m.tables) });
    const notes = report.slice(report.indexOf("Tables that Microsoft's list"), report.indexOf('## Single-hub mode'));
    assert.deepEqual(notes.trim().split('\n'), [
      "Tables that Microsoft's list of streamed tables (2021) does not name:",
      '',
      '- `IdentityInfo`: seen in real streams',
      '- `ContosoCustomEvents`: not in the catalog of Advanced Hunting tables',
      '- `DeviceTvmSoftwareInventory`: Advanced Hunting only',
    ]);
    const onlyStreamed = measurement([['DeviceProcessEvents', 300, MiB]]);
    assert.ok(
      !capacityReport({ hubLabel: 'h', measurement: onlyStreamed, plan: planCapacity(onlyStreamed.tables) }).includes('does not name'),
    );
  });
});
