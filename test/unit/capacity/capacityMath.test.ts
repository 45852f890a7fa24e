import assert from 'node:assert/strict';
import { DEFAULT_HEADROOM, STANDARD_TIER } from '../../../src/capacity/capacityLimits';
import { suggestedPartitions, tableRate, throughputUnits } from '../../../src/capacity/capacityMath';
import { planCapacity, planPerTable } from '../../../src/capacity/capacityPlan';

const MiB = 1024 * 1024;

describe('kql: capacity maths', () => {
  it('derives records/s, events/s, MB/s and the average record size', () => {
    const rate = tableRate({ table: 'DeviceProcessEvents', records: 6000, events: 60, bytes: 12 * MiB, seconds: 60 });
    assert.equal(rate.recordsPerSecond, 100);
    assert.equal(rate.eventsPerSecond, 1);
    assert.equal(rate.mbPerSecond, 0.2);
    assert.equal(rate.bytesPerSecond, 0.2 * MiB);
    assert.equal(rate.avgRecordBytes, (12 * MiB) / 6000);
    assert.equal(tableRate({ table: 'X', records: 0, events: 0, bytes: 0, seconds: 5 }).avgRecordBytes, 0);
    assert.throws(() => tableRate({ table: 'X', records: 1, events: 1, bytes: 1, seconds: 0 }), /positive duration/);
  });

  it('sizes throughput units by bytes: 1 MB/s per TU with 25 % headroom, rounded up', () => {
    assert.equal(DEFAULT_HEADROOM, 1.25);
    // 3.2 MiB/s × 1.25 = 4 TUs exactly (no rounding noise costs a fifth).
    const s = throughputUnits({ bytesPerSecond: 3.2 * MiB, eventsPerSecond: 100 });
    assert.equal(s.throughputUnits, 4);
    assert.equal(s.binding, 'bytes');
    assert.equal(s.exceedsStandard, false);
    assert.equal(throughputUnits({ bytesPerSecond: 3.3 * MiB, eventsPerSecond: 100 }).throughputUnits, 5);
    assert.equal(throughputUnits({ bytesPerSecond: 3.3 * MiB, eventsPerSecond: 100 }, { headroom: 1 }).throughputUnits, 4);
  });

  it('sizes throughput units by events when 1,000 events/s per TU binds first', () => {
    // 2,500 small events/s (0.5 MiB/s): events need 2.5 × 1.25 = 3.125 → 4 TUs.
    const s = throughputUnits({ bytesPerSecond: 0.5 * MiB, eventsPerSecond: 2500 });
    assert.equal(s.binding, 'events');
    assert.equal(s.throughputUnits, 4);
    assert.equal(s.required, 3.125);
  });

  it('never suggests fewer than 1 or more than 40 TUs, and flags a need beyond Standard', () => {
    assert.equal(throughputUnits({ bytesPerSecond: 0, eventsPerSecond: 0 }).throughputUnits, 1);
    const big = throughputUnits({ bytesPerSecond: 50 * MiB, eventsPerSecond: 10 });
    assert.equal(big.throughputUnits, STANDARD_TIER.maxThroughputUnits);
    assert.equal(big.exceedsStandard, true);
    assert.equal(big.required, 62.5);
    assert.equal(throughputUnits({ bytesPerSecond: 32 * MiB, eventsPerSecond: 0 }).exceedsStandard, false);
  });

  it('rejects a headroom below 1', () => {
    assert.throws(() => throughputUnits({ bytesPerSecond: 1, eventsPerSecond: 1 }, { headroom: 0.8 }), /headroom/);
  });

  it('suggests at least as many partitions as TUs, the minimum otherwise, at most 32', () => {
    assert.equal(suggestedPartitions({ bytesPerSecond: 0.1 * MiB, eventsPerSecond: 10 }, 4), 4);
    assert.equal(suggestedPartitions({ bytesPerSecond: 0.1 * MiB, eventsPerSecond: 10 }, 2), 2);
    assert.equal(suggestedPartitions({ bytesPerSecond: 8 * MiB, eventsPerSecond: 10 }, 4), 10);
    assert.equal(suggestedPartitions({ bytesPerSecond: 100 * MiB, eventsPerSecond: 10 }, 4), 32);
  });
});

describe('kql: capacity plan for both streaming modes', () => {
  const seconds = 60;
  const m = (table: string, mibPerSecond: number, eventsPerSecond = 1) => ({
    table,
    records: 100 * seconds,
    events: eventsPerSecond * seconds,
    bytes: mibPerSecond * MiB * seconds,
    seconds,
  });

  it('single hub: sums every table (and unreadable traffic) into one hub', () => {
    const plan = planCapacity([m('DeviceProcessEvents', 2), m('DeviceNetworkEvents', 1), m('EmailEvents', 0.2)], undefined, {
      bytesPerSecond: 0.0 * MiB,
      eventsPerSecond: 0,
    });
    assert.deepEqual(
      plan.tables.map((t) => t.table),
      ['DeviceProcessEvents', 'DeviceNetworkEvents', 'EmailEvents'],
    );
    assert.ok(Math.abs(plan.total.bytesPerSecond - 3.2 * MiB) < 1e-6);
    assert.equal(plan.singleHub.sizing.throughputUnits, 4);
    assert.equal(plan.singleHub.partitions, 4);
    const withExtra = planCapacity([m('DeviceProcessEvents', 2)], { headroom: 1 }, { bytesPerSecond: 1.5 * MiB, eventsPerSecond: 3 });
    assert.equal(withExtra.singleHub.sizing.throughputUnits, 4);
    assert.equal(withExtra.perTable.namespaces[0].sizing.throughputUnits, 2);
  });

  it('per table: 21 quiet tables need 3 namespaces of at most 10 hubs', () => {
    const tables = Array.from({ length: 21 }, (_, i) => m(`T${String(i).padStart(2, '0')}`, 0.01));
    const plan = planCapacity(tables);
    assert.equal(plan.perTable.namespaces.length, 3);
    assert.deepEqual(plan.perTable.namespaces.map((n) => n.tables.length).sort(), [7, 7, 7]);
    assert.ok(plan.perTable.namespaces.every((n) => n.sizing.throughputUnits === 1));
    assert.ok(plan.perTable.partitions.every((p) => p.partitions === 2));
    assert.equal(new Set(plan.perTable.namespaces.flatMap((n) => n.tables)).size, 21);
  });

  it('per table: 10 tables fit one namespace, 11 need two', () => {
    assert.equal(planPerTable(Array.from({ length: 10 }, (_, i) => tableRate(m(`T${i}`, 0.1)))).namespaces.length, 1);
    assert.equal(planPerTable(Array.from({ length: 11 }, (_, i) => tableRate(m(`T${i}`, 0.1)))).namespaces.length, 2);
  });

  it('per table: adds namespaces when one would need more than 40 TUs, balancing the load', () => {
    // Four tables of 12 MiB/s: 48 MiB/s × 1.25 = 60 TUs in one namespace; two namespaces of 30 TUs fit.
    const plan = planCapacity(['A', 'B', 'C', 'D'].map((t) => m(t, 12)));
    assert.equal(plan.perTable.namespaces.length, 2);
    assert.deepEqual(
      plan.perTable.namespaces.map((n) => n.sizing.throughputUnits),
      [30, 30],
    );
    assert.deepEqual(
      plan.perTable.partitions.map((p) => p.partitions),
      [15, 15, 15, 15],
    );
    assert.equal(plan.singleHub.sizing.exceedsStandard, true);
  });

  it('per table: one table beyond 40 TUs alone is flagged, not looped on', () => {
    const plan = planCapacity([m('Huge', 40), m('Small', 0.1)]);
    assert.equal(plan.perTable.namespaces.length, 2);
    assert.equal(plan.perTable.namespaces.find((n) => n.tables.includes('Huge'))?.sizing.exceedsStandard, true);
  });

  it('nothing measured: no namespaces, one TU for the single hub', () => {
    const plan = planCapacity([]);
    assert.equal(plan.perTable.namespaces.length, 0);
    assert.equal(plan.singleHub.sizing.throughputUnits, 1);
  });
});
