import assert from 'node:assert/strict';
import { TABLES } from '../../../src/core/catalog/schemaCatalog';
import { decodeMessage } from '../../../src/core/decode/decodeMessage';
import type { LocalEvent } from '../../../src/localHub/types';
import { startTraffic } from '../../../src/traffic/index';

/** A hub stand-in that records appends (the pump only needs `append` and `hubNames`). */
function fakeHub(names: string[]): {
  hubNames: string[];
  appended: Map<string, LocalEvent[]>;
  append(hub: string, events: readonly LocalEvent[]): void;
} {
  const appended = new Map<string, LocalEvent[]>();
  return {
    hubNames: names,
    appended,
    append(hub, events) {
      appended.set(hub, [...(appended.get(hub) ?? []), ...events]);
    },
  };
}

function recordsIn(events: readonly LocalEvent[]): number {
  return events.reduce((n, e) => n + decodeMessage(e.body).records.length, 0);
}

describe('traffic pump', () => {
  it('appends the due records per tick into the single hub', async () => {
    const hub = fakeHub(['main', 'other']);
    const traffic = startTraffic(hub, { rate: 1000, tickMs: 10_000, seed: 3 });
    try {
      await new Promise((r) => setTimeout(r, 120));
      const appended = traffic.tick();
      assert.ok(appended >= 50, `appended ${appended}`);
      assert.deepEqual([...hub.appended.keys()], ['main']);
      assert.equal(recordsIn(hub.appended.get('main')!), traffic.stats.records);
      assert.equal(traffic.stats.messages, hub.appended.get('main')!.length);
      assert.ok(traffic.stats.messages < traffic.stats.records, 'several records per message');
    } finally {
      traffic.stop();
    }
  });

  it('sends each table to its own hub in per-table mode, skipping tables without a hub', async () => {
    const tables = TABLES.filter((t) => ['DeviceProcessEvents', 'EmailEvents'].includes(t.name));
    const hub = fakeHub(tables.map((t) => t.hubName));
    const traffic = startTraffic(hub, { rate: 2000, tickMs: 10_000, seed: 4, mode: 'perTable' });
    try {
      await new Promise((r) => setTimeout(r, 150));
      traffic.tick();
      for (const t of tables) {
        const events = hub.appended.get(t.hubName) ?? [];
        assert.ok(events.length > 0, `${t.hubName} got traffic`);
        for (const e of events) for (const r of decodeMessage(e.body).records) assert.equal(r.table, t.name);
      }
      assert.deepEqual(Object.keys(traffic.stats.byTable).sort(), ['DeviceProcessEvents', 'EmailEvents']);
    } finally {
      traffic.stop();
    }
    assert.throws(() => startTraffic(fakeHub(['unrelated']), { rate: 1, mode: 'perTable' }), /None of the selected tables has a hub/);
  });

  it('injects bad messages at the requested rate and kinds', async () => {
    const hub = fakeHub(['main']);
    const traffic = startTraffic(hub, {
      rate: 3000,
      tickMs: 10_000,
      seed: 5,
      badMessageRate: 0.5,
      badMessageKinds: ['not-json', 'no-records'],
    });
    try {
      await new Promise((r) => setTimeout(r, 200));
      traffic.tick();
      const malformed = hub.appended.get('main')!.filter((e) => decodeMessage(e.body).malformed.length > 0);
      assert.ok(malformed.length > 0);
      assert.equal(malformed.length, traffic.stats.badMessages);
    } finally {
      traffic.stop();
    }
  });

  it('generates nothing at rate 0 and rejects bad options', () => {
    const hub = fakeHub(['main']);
    const traffic = startTraffic(hub, { rate: 0 });
    assert.equal(traffic.tick(), 0);
    traffic.stop();
    assert.throws(() => startTraffic(hub, { rate: -1 }), /at least 0/);
    assert.throws(() => startTraffic(hub, { rate: 1, hubName: 'missing' }), /no event hub "missing"/);
  });
});
