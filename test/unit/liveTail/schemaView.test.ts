// The Live Tail's Schema view, host side: the controller feeds every record it receives into the
// learner (records kept as text: a sample per table per second), and posts a bounded `schema` message
// while the page's view is open.
import { emptyTailStats } from '../../../src/tail/tailEvents';
import assert from 'node:assert/strict';
import { CATALOG_LOOKUP } from '../../../src/core/catalog/schemaLookup';
import type { RecordFilterSpec } from '../../../src/core/filter/recordFilter';
import { ShapeLearner } from '../../../src/drift/shapeLearner';
import { LiveTailController, type LiveTailHost } from '../../../src/liveTail/liveTailController';
import { SchemaFeed, schemaMessage } from '../../../src/liveTail/schemaFeed';
import type { HostToPage, SchemaMessage } from '../../../src/liveTail/shared/protocol';
import type { TailSource } from '../../../src/liveTail/tailSource';
import { TailPipeline } from '../../../src/tail/pipeline';
import { TextTailRecord } from '../../../src/tail/textRecord';
import type { TailEntry, TailState, TailStats } from '../../../src/tail/types';
import { FakeTimers } from './fakeTimers';

function rec(table: string, properties: Record<string, unknown>): Record<string, unknown> {
  return { time: '2026-11-25T10:00:00Z', tenantId: 't', category: `AdvancedHunting-${table}`, properties };
}

/** Entries as the tail's fast path makes them (records kept as text), through the real pipeline. */
function textEntries(records: Array<Record<string, unknown>>): TailEntry[] {
  const pipeline = new TailPipeline({ bufferSize: 100_000 });
  pipeline.ingest('0', [{ body: Buffer.from(JSON.stringify({ records })), sequenceNumber: 1, enqueuedTimeUtc: new Date() }]);
  return pipeline.takePending();
}

let nextId = 1;
function parsedEntry(table: string, properties: Record<string, unknown>): TailEntry {
  const id = nextId++;
  return {
    type: 'record',
    id,
    table,
    known: true,
    bytes: 100,
    partitionId: '0',
    sequenceNumber: id,
    enqueuedTime: 0,
    record: rec(table, properties),
  };
}

describe('live tail Schema view: SchemaFeed', () => {
  it('learns records kept as text from a sample of N per table per second, and counts them all', () => {
    let now = 10_000;
    const feed = new SchemaFeed(new ShapeLearner(), 3, () => now);
    const entries = textEntries([
      ...Array.from({ length: 10 }, () => rec('DeviceProcessEvents', { NetworkAdapterName: 'eth0' })),
      ...Array.from({ length: 2 }, () => rec('AlertInfo', { Title: 't' })),
    ]);
    assert.ok(
      entries.every((e) => e instanceof TextTailRecord),
      'the fast path kept the records as text',
    );
    feed.observe(entries);
    const dpe = feed.learner.table('DeviceProcessEvents');
    assert.deepEqual([dpe?.records, dpe?.received, dpe?.columns.get('NetworkAdapterName')?.count], [3, 10, 3]);
    assert.deepEqual([feed.learner.table('AlertInfo')?.records, feed.learner.table('AlertInfo')?.received], [2, 2]);
    feed.observe(entries.slice(0, 5));
    assert.equal(feed.learner.table('DeviceProcessEvents')?.records, 3, 'the budget of this second is spent');
    now += 1000;
    feed.observe(entries.slice(0, 5));
    assert.deepEqual([feed.learner.table('DeviceProcessEvents')?.records, feed.learner.table('DeviceProcessEvents')?.received], [6, 20]);
    assert.match(feed.samplingText, /at most 3 per table per second/);
  });

  it('learns every record the tail already holds parsed (no parse needed), and skips malformed entries', () => {
    const feed = new SchemaFeed(new ShapeLearner(), 1, () => 0);
    feed.observe([
      parsedEntry('AlertInfo', { A: 1 }),
      parsedEntry('AlertInfo', { A: 2 }),
      {
        type: 'malformed',
        id: 99,
        reason: 'not-json',
        message: 'm',
        preview: 'p',
        bytes: 1,
        partitionId: '0',
        sequenceNumber: 1,
        enqueuedTime: 0,
      },
    ]);
    assert.deepEqual([feed.learner.table('AlertInfo')?.records, feed.learner.tables().length], [2, 1]);
  });

  it('builds a bounded message: drifting tables first, at most 100 tables and 1,500 list items, texts cut, the rest counted', () => {
    const learner = new ShapeLearner({ maxTables: 300, maxColumns: 400 });
    const wide: Record<string, string> = {};
    for (let i = 0; i < 400; i++) wide[`Extra${i}`] = 'v'.repeat(500);
    for (let t = 0; t < 150; t++) learner.learn(rec(`Custom${t}`, t < 5 ? wide : { A: 1 }));
    learner.learn(rec('AlertInfo', { Title: 't' }));
    learner.learn(rec('DeviceProcessEvents', { NetworkAdapterName: 'eth0' }));
    const m = schemaMessage(learner, CATALOG_LOOKUP, 'sampling');
    assert.equal(m.type, 'schema');
    assert.equal(m.tables.length, 100);
    assert.equal(m.omittedTables, 52);
    const items = m.tables.reduce((n, t) => n + t.unknownColumns.length + t.unseenColumns.length + t.conflicts.length, 0);
    assert.ok(items <= 1500, String(items));
    assert.ok(m.tables.some((t) => t.omitted > 0));
    assert.ok(m.tables.every((t) => t.unknownColumns.every((c) => c.sample.length <= 120)));
    assert.ok(JSON.stringify(m).length < 1_000_000, String(JSON.stringify(m).length));
    const dpe = schemaMessage(learner, CATALOG_LOOKUP, '').tables.find((t) => t.table === 'DeviceProcessEvents');
    assert.ok(dpe, 'a drifting catalog table is among the first 100');
    assert.deepEqual(dpe?.unknownColumns, [{ name: 'NetworkAdapterName', count: 1, types: 'string 1', sample: '"eth0"' }]);
    assert.equal(dpe?.origin, 'catalog');
    assert.match(m.schema, /catalog/);
  });
});

/** A scripted tail source (the session itself is tested against the local hub). */
class ScriptedSource implements TailSource {
  state: TailState = { kind: 'live' };
  readonly buffer: TailEntry[] = [];
  private listeners: Array<(e: readonly TailEntry[]) => void> = [];
  stats(): TailStats {
    return { ...emptyTailStats(), receivedRecords: this.buffer.length };
  }
  onEntries(l: (e: readonly TailEntry[]) => void) {
    this.listeners.push(l);
    return { dispose: () => (this.listeners = this.listeners.filter((x) => x !== l)) };
  }
  onState() {
    return { dispose: () => undefined };
  }
  onStats() {
    return { dispose: () => undefined };
  }
  snapshot(_filter?: RecordFilterSpec): Promise<TailEntry[]> {
    return Promise.resolve([...this.buffer]);
  }
  clear(): void {
    this.buffer.length = 0;
  }
  async stop(): Promise<void> {}
  emit(entries: TailEntry[]): void {
    this.buffer.push(...entries);
    for (const l of this.listeners) l(entries);
  }
}

function setup(withDrift = true) {
  const timers = new FakeTimers();
  const posted: HostToPage[] = [];
  const learner = new ShapeLearner();
  let reports = 0;
  let schemaLoads = 0;
  const source = new ScriptedSource();
  const host: LiveTailHost = {
    post: (m) => posted.push(m),
    copy: async () => undefined,
    openJson: async () => undefined,
    validate: async () => undefined,
    insertGetschema: async () => undefined,
    saveExport: async () => undefined,
    reportDrift: async () => void reports++,
  };
  const controller = new LiveTailController({
    hub: { configId: 'cfg', hubName: 'hub' },
    hubLabel: 'NS / hub',
    startPosition: 'from latest',
    capacity: 100,
    knownTables: [],
    host,
    createSource: async () => source,
    summarize: () => '',
    timers,
    ...(withDrift
      ? {
          drift: {
            learner,
            schema: async () => {
              schemaLoads++;
              return CATALOG_LOOKUP;
            },
            intervalMs: 1500,
          },
        }
      : {}),
  });
  const schemas = (): SchemaMessage[] => posted.filter((m): m is SchemaMessage => m.type === 'schema');
  return { timers, posted, learner, source, controller, schemas, reports: () => reports, loads: () => schemaLoads };
}

describe('live tail Schema view: the controller', () => {
  it('feeds every record it receives into the learner once, also across a page reload that replays the buffer', async () => {
    const t = setup();
    await t.controller.start();
    t.source.emit([parsedEntry('DeviceProcessEvents', { NetworkAdapterName: 'eth0' }), parsedEntry('AlertInfo', { Title: 'x' })]);
    await t.controller.handleMessage({ type: 'ready' });
    t.source.emit([parsedEntry('DeviceProcessEvents', { NetworkAdapterName: 'eth1' })]);
    await t.controller.handleMessage({ type: 'ready' });
    // Emitted again (e.g. a session's late emit of entries the replay already had): not learned twice.
    t.source.emit(t.source.buffer.slice(0, 1));
    assert.deepEqual([t.learner.table('DeviceProcessEvents')?.records, t.learner.table('AlertInfo')?.records], [2, 1]);
  });

  it('posts the schema when the view opens, refreshes it while open only when something changed, and stops when closed', async () => {
    const t = setup();
    await t.controller.start();
    await t.controller.handleMessage({ type: 'ready' });
    t.source.emit([parsedEntry('DeviceProcessEvents', { NetworkAdapterName: 'eth0' })]);
    assert.equal(t.schemas().length, 0, 'nothing while the view is closed');
    await t.controller.handleMessage({ type: 'schemaView', open: true });
    assert.equal(t.loads(), 1, 'the workspace schema is read when the view opens');
    const first = t.schemas()[0];
    const dpe = first.tables.find((x) => x.table === 'DeviceProcessEvents');
    assert.deepEqual(
      dpe?.unknownColumns.map((c) => c.name),
      ['NetworkAdapterName'],
    );
    assert.match(first.sampling, /per table per second/);
    t.timers.advance(3000);
    assert.equal(t.schemas().length, 1, 'no change, no post');
    t.source.emit([parsedEntry('DeviceProcessEvents', { IsNew: true })]);
    t.timers.advance(1500);
    assert.equal(t.schemas().length, 2);
    assert.ok(t.schemas()[1].tables[0].unknownColumns.some((c) => c.name === 'IsNew'));
    await t.controller.handleMessage({ type: 'schemaView', open: false });
    t.source.emit([parsedEntry('DeviceProcessEvents', { Other: 1 })]);
    t.timers.advance(5000);
    assert.equal(t.schemas().length, 2);
  });

  it('posts nothing to a hidden page, and a reloaded page opens its view again', async () => {
    const t = setup();
    await t.controller.start();
    await t.controller.handleMessage({ type: 'ready' });
    await t.controller.handleMessage({ type: 'schemaView', open: true });
    const before = t.schemas().length;
    t.controller.setVisible(false);
    t.source.emit([parsedEntry('AlertInfo', { A: 1 })]);
    t.timers.advance(5000);
    assert.equal(t.schemas().length, before);
    t.controller.setVisible(true);
    await t.controller.handleMessage({ type: 'ready' });
    t.timers.advance(5000);
    assert.equal(t.schemas().length, before, 'a reloaded page has its view closed until it says otherwise');
    await t.controller.handleMessage({ type: 'schemaView', open: true });
    assert.equal(t.schemas().length, before + 1);
  });

  it('Clear forgets what was learned; Open as Markdown asks the host for the report', async () => {
    const t = setup();
    await t.controller.start();
    await t.controller.handleMessage({ type: 'ready' });
    t.source.emit([parsedEntry('AlertInfo', { A: 1 })]);
    await t.controller.handleMessage({ type: 'schemaView', open: true });
    await t.controller.handleMessage({ type: 'clear' });
    assert.deepEqual(t.learner.tables(), []);
    assert.deepEqual(t.schemas().at(-1)?.tables, []);
    await t.controller.handleMessage({ type: 'reportDrift' });
    assert.equal(t.reports(), 1);
    await t.controller.dispose();
    assert.equal(t.timers.scheduled, 0, 'no timer left behind');
  });

  it('says the view is not available when the panel gives no learner', async () => {
    const t = setup(false);
    await t.controller.start();
    await t.controller.handleMessage({ type: 'ready' });
    await t.controller.handleMessage({ type: 'schemaView', open: true });
    assert.equal(t.schemas().at(-1)?.schema, 'Not available in this panel.');
  });
});
