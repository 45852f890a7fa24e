import assert from 'node:assert/strict';
import { emptyTailStats } from '../../../src/tail/tailEvents';
import type { RecordFilterSpec } from '../../../src/core/filter/recordFilter';
import { compileFilter } from '../../../src/core/filter/recordFilter';
import { TailPipeline } from '../../../src/tail/pipeline';
import { recordSummary } from '../../../src/tail/summary';
import type { TailEntry, TailState, TailStats } from '../../../src/tail/types';
import { DEFAULT_MAX_PER_BATCH, LiveTailController, prettyJson, type LiveTailHost } from '../../../src/liveTail/liveTailController';
import type { BatchMessage, ExportFormat, HostToPage } from '../../../src/liveTail/shared/protocol';
import type { TailSource } from '../../../src/liveTail/tailSource';
import { FakeTimers } from './fakeTimers';
import { ShapeLearner } from '../../../src/drift/shapeLearner';
import { CATALOG_LOOKUP } from '../../../src/core/catalog/schemaLookup';
import { tried } from '../../support/reliabilityLog';

const AREA = 'Trust boundary';

/** An in-memory stand-in for a tail session (the session itself is tested against the local hub). */
class ScriptedSource implements TailSource {
  state: TailState = { kind: 'connecting' };
  reconnects = 0;
  readonly buffer: TailEntry[] = [];
  stopped = false;
  cleared = 0;
  private entryListeners: Array<(e: readonly TailEntry[]) => void> = [];
  private stateListeners: Array<(s: TailState) => void> = [];
  constructor(private readonly capacity = 100) {}
  stats(): TailStats {
    return {
      ...emptyTailStats(),
      receivedEvents: 1,
      receivedRecords: this.buffer.length,
      rate: 12.5,
      tables: [{ table: 'EmailEvents', known: true, records: 3, bytes: 0, rate: 1 }],
    };
  }
  onEntries(l: (e: readonly TailEntry[]) => void) {
    this.entryListeners.push(l);
    return { dispose: () => (this.entryListeners = this.entryListeners.filter((x) => x !== l)) };
  }
  onState(l: (s: TailState) => void) {
    this.stateListeners.push(l);
    return { dispose: () => (this.stateListeners = this.stateListeners.filter((x) => x !== l)) };
  }
  onStats() {
    return { dispose: () => undefined };
  }
  snapshot(filter?: RecordFilterSpec): Promise<TailEntry[]> {
    const f = compileFilter(filter);
    return Promise.resolve(this.buffer.filter((e) => e.type === 'malformed' || f.matches(e)));
  }
  clear(): void {
    this.buffer.length = 0;
    this.cleared++;
  }
  async stop(): Promise<void> {
    this.stopped = true;
  }
  /** Buffers entries without telling listeners yet (a session between its emits, or paused). */
  keep(entries: TailEntry[]): void {
    this.buffer.push(...entries);
  }
  /** Tells listeners about entries already buffered with keep(). */
  deliver(entries: TailEntry[]): void {
    for (const l of this.entryListeners) l(entries);
  }
  emit(entries: TailEntry[]): void {
    for (const e of entries) {
      this.buffer.push(e);
      if (this.buffer.length > this.capacity) this.buffer.shift();
    }
    for (const l of this.entryListeners) l(entries);
  }
  setState(s: TailState): void {
    this.state = s;
    for (const l of this.stateListeners) l(s);
  }
}

let nextId = 1;
function record(table: string, props: Record<string, unknown> = {}): TailEntry {
  const id = nextId++;
  return {
    type: 'record',
    id,
    table,
    known: true,
    bytes: 100,
    partitionId: '0',
    sequenceNumber: id,
    enqueuedTime: Date.UTC(2026, 10, 25),
    record: { time: '2026-11-25T10:00:00Z', category: `AdvancedHunting-${table}`, properties: props },
  };
}
function malformed(): TailEntry {
  const id = nextId++;
  return {
    type: 'malformed',
    id,
    reason: 'not-json',
    message: 'The message body is not valid JSON.',
    preview: '{"rec',
    bytes: 5,
    partitionId: '1',
    sequenceNumber: id,
    enqueuedTime: Date.UTC(2026, 10, 25),
  };
}

/** A source that can reconnect in place, as a real session does. */
class ReconnectingSource extends ScriptedSource {
  async reconnect(): Promise<void> {
    this.reconnects++;
    this.setState({ kind: 'connecting' });
  }
}

function setup(
  options: { failStart?: Error; reconnecting?: boolean; host?: Partial<LiveTailHost>; learner?: ShapeLearner; capacity?: number } = {},
) {
  nextId = 1; // each test's source is a new session, numbering its entries from 1
  const timers = new FakeTimers();
  const posted: HostToPage[] = [];
  const calls: Array<[string, unknown]> = [];
  const sources: ScriptedSource[] = [];
  let saved: { format: ExportFormat; count: number; content: string } | undefined;
  const host: LiveTailHost = {
    post: (m) => posted.push(m),
    copy: async (t) => void calls.push(['copy', t]),
    openJson: async (t) => void calls.push(['openJson', t]),
    validate: async (t) => (calls.push(['validate', t]), 'Validation: no findings.'),
    insertGetschema: async (t) => void calls.push(['getschema', t]),
    saveExport: async (format, count, content) => {
      saved = { format, count, content: content() };
      return '/tmp/out';
    },
    ...options.host,
  };
  const controller = new LiveTailController({
    hub: { configId: 'cfg', hubName: 'hub' },
    hubLabel: 'NS / hub',
    startPosition: 'from latest',
    capacity: options.capacity ?? 100,
    knownTables: ['EmailEvents', 'AlertInfo'],
    host,
    createSource: async () => {
      if (options.failStart) throw options.failStart;
      const s = options.reconnecting ? new ReconnectingSource() : new ScriptedSource();
      sources.push(s);
      return s;
    },
    summarize: (table, r) => `${table}:${JSON.stringify((r.properties as Record<string, unknown>).Subject ?? '')}`,
    timers,
    ...(options.learner ? { drift: { learner: options.learner, schema: async () => CATALOG_LOOKUP } } : {}),
  });
  const batches = (): BatchMessage[] => posted.filter((m): m is BatchMessage => m.type === 'batch');
  return { timers, posted, calls, sources, controller, batches, saved: () => saved };
}

describe('live tail controller (extension side of the panel)', () => {
  it('sends init then replays the buffer when the page says ready, then batches new entries', async () => {
    const t = setup();
    await t.controller.start();
    const source = t.sources[0] as ScriptedSource;
    source.emit([record('EmailEvents', { Subject: 'hello' })]);
    t.timers.advance(1000);
    assert.equal(t.posted.length, 0, 'nothing is posted before the page is ready');
    await t.controller.handleMessage({ type: 'ready' });
    t.timers.advance(100);
    assert.equal(t.posted[0]?.type, 'init');
    assert.deepEqual((t.posted[0] as { hub: unknown }).hub, { configId: 'cfg', hubName: 'hub' });
    const first = t.batches()[0] as BatchMessage;
    assert.equal(first.reset, true);
    assert.deepEqual(
      first.entries.map((e) => [e.kind, e.table, e.summary]),
      [['record', 'EmailEvents', 'EmailEvents:"hello"']],
    );
    assert.equal(first.stats.rate, 12.5);
    source.setState({ kind: 'live' });
    source.emit([record('AlertInfo'), malformed()]);
    t.timers.advance(100);
    const last = t.batches().at(-1) as BatchMessage;
    assert.equal(last.reset, false);
    assert.deepEqual(last.connection, { kind: 'live' });
    assert.deepEqual(
      last.entries.map((e) => e.kind),
      ['record', 'malformed'],
    );
    assert.equal(last.entries[1]?.json, '{"rec');
    assert.equal(last.entries[1]?.reason, 'not-json');
  });

  it('never posts the page an entry it has, even when the session hands one over again', async () => {
    const t = setup();
    await t.controller.start();
    const source = t.sources[0] as ScriptedSource;
    await t.controller.handleMessage({ type: 'ready' });
    const [a, b, c, d] = [record('AlertInfo'), record('AlertInfo'), record('AlertInfo'), record('AlertInfo')];
    source.emit([a, b, c]);
    t.timers.advance(100);
    source.deliver([b, c, d]); // b and c again
    t.timers.advance(100);
    // What the page holds: each batch appended, a reset starting over.
    const held: number[] = [];
    for (const batch of t.batches()) {
      if (batch.reset) held.length = 0;
      held.push(...batch.entries.map((e) => e.id));
    }
    assert.deepEqual(held, [a.id, b.id, c.id, d.id]);
    // A reset (Clear) starts over: the same ids may come again after it.
    await t.controller.handleMessage({ type: 'clear' });
    t.timers.advance(100);
    source.deliver([c, d]);
    t.timers.advance(100);
    const all = t.batches();
    const lastReset = all.map((m) => m.reset).lastIndexOf(true);
    const afterClear = all.slice(lastReset);
    assert.deepEqual(
      afterClear.flatMap((m) => m.entries.map((e) => e.id)),
      [c.id, d.id],
    );
  });

  it('at a rate above what the page is sent, posts at most DEFAULT_MAX_PER_BATCH (250) entries a tick, the newest, and says how many it passed over', async () => {
    const t = setup({ capacity: 10_000 });
    await t.controller.start();
    const source = t.sources[0] as ScriptedSource;
    await t.controller.handleMessage({ type: 'ready' });
    t.timers.advance(100);
    const sent: number[] = [];
    for (let tick = 0; tick < 5; tick++) {
      const burst = Array.from({ length: 1200 }, () => record('AlertInfo'));
      sent.push(...burst.map((e) => e.id));
      source.emit(burst);
      t.timers.advance(100);
    }
    const live = t.batches().filter((b) => b.entries.length > 0);
    assert.equal(DEFAULT_MAX_PER_BATCH, 250);
    assert.ok(live.every((b) => b.entries.length <= DEFAULT_MAX_PER_BATCH && !b.reset));
    assert.ok(
      live.some((b) => b.entries.length === DEFAULT_MAX_PER_BATCH),
      'a full post carries the most it may',
    );
    const shown = live.flatMap((b) => b.entries.map((e) => e.id));
    assert.equal(shown.at(-1), sent.at(-1), 'the newest is shown');
    assert.equal((live.at(-1) as BatchMessage).skipped, sent.length - shown.length, 'every entry not shown is counted');
    // Pause then shows the whole buffer (the source keeps the newest 100 here), in order, nothing passed over.
    await t.controller.handleMessage({ type: 'pause' });
    t.timers.advance(100);
    const paused = t.batches().at(-1) as BatchMessage;
    assert.equal(paused.reset, true);
    assert.equal(paused.paused, true);
    assert.deepEqual(
      paused.entries.map((e) => e.id),
      sent.slice(-100),
    );
    assert.equal(paused.skipped, 0);
    await t.controller.handleMessage({ type: 'resume' });
    // A reset (Clear) starts the count again.
    await t.controller.handleMessage({ type: 'clear' });
    t.timers.advance(100);
    assert.equal((t.batches().at(-1) as BatchMessage).skipped, 0);
  });

  it('counts the entries a session did not hand over (ids it skipped: its maxEmit) as passed over too', async () => {
    const t = setup({ capacity: 10_000 });
    await t.controller.start();
    const source = t.sources[0] as ScriptedSource;
    await t.controller.handleMessage({ type: 'ready' });
    t.timers.advance(100);
    const all = Array.from({ length: 30 }, () => record('AlertInfo'));
    // The session keeps all 30 but hands over only the newest few of each emit.
    source.keep(all);
    source.deliver(all.slice(7, 10));
    t.timers.advance(100);
    source.deliver(all.slice(25, 30));
    t.timers.advance(100);
    const shown = t.batches().flatMap((b) => b.entries.map((e) => e.id));
    assert.deepEqual(
      shown,
      [...all.slice(7, 10), ...all.slice(25, 30)].map((e) => e.id),
    );
    assert.equal((t.batches().at(-1) as BatchMessage).skipped, 22, 'the 7 before the first and the 15 between them');
    // A replay (a reloaded page) shows the whole buffer: nothing passed over.
    await t.controller.handleMessage({ type: 'ready' });
    t.timers.advance(100);
    const replayed = t.batches().at(-1) as BatchMessage;
    assert.equal(replayed.reset, true);
    assert.equal(replayed.entries.length, 30);
    assert.equal(replayed.skipped, 0);
  });

  it('stops posting while hidden and replays everything when the page loads again', async () => {
    const t = setup();
    await t.controller.start();
    const source = t.sources[0] as ScriptedSource;
    await t.controller.handleMessage({ type: 'ready' });
    t.timers.advance(100);
    t.controller.setVisible(false);
    const before = t.posted.length;
    source.emit([record('EmailEvents'), record('EmailEvents')]);
    t.timers.advance(2000);
    assert.equal(t.posted.length, before, 'a hidden page gets nothing');
    t.controller.setVisible(true);
    t.timers.advance(2000);
    assert.equal(t.posted.length, before, 'nothing until the reloaded page says ready');
    await t.controller.handleMessage({ type: 'ready' });
    t.timers.advance(100);
    const replay = t.batches().at(-1) as BatchMessage;
    assert.equal(replay.reset, true);
    assert.equal(replay.entries.length, 2);
  });

  it('pause holds rows but keeps counts flowing; resume delivers what arrived; clear empties the session', async () => {
    const t = setup();
    await t.controller.start();
    const source = t.sources[0] as ScriptedSource;
    await t.controller.handleMessage({ type: 'ready' });
    t.timers.advance(100);
    await t.controller.handleMessage({ type: 'pause' });
    source.emit([record('EmailEvents')]);
    t.timers.advance(1500);
    const paused = t.batches().slice(1);
    assert.ok(paused.length > 0 && paused.every((b) => b.entries.length === 0 && b.paused));
    await t.controller.handleMessage({ type: 'resume' });
    t.timers.advance(100);
    assert.equal((t.batches().at(-1) as BatchMessage).entries.length, 1);
    await t.controller.handleMessage({ type: 'clear' });
    t.timers.advance(100);
    assert.equal(source.cleared, 1);
    assert.deepEqual([(t.batches().at(-1) as BatchMessage).reset, (t.batches().at(-1) as BatchMessage).entries.length], [true, 0]);
  });

  it('exports the records that pass the page filter, without malformed messages', async () => {
    const t = setup();
    await t.controller.start();
    const source = t.sources[0] as ScriptedSource;
    source.emit([
      record('EmailEvents', { Subject: 'keep me' }),
      record('AlertInfo', { Subject: 'keep me' }),
      record('EmailEvents', { Subject: 'other' }),
      malformed(),
    ]);
    await t.controller.handleMessage({ type: 'ready' });
    await t.controller.handleMessage({ type: 'filter', filter: { tables: ['EmailEvents'], text: 'KEEP' } });
    await t.controller.handleMessage({ type: 'export', format: 'ndjson' });
    const saved = t.saved();
    assert.equal(saved?.count, 1);
    assert.deepEqual(
      saved?.content
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).properties.Subject),
      ['keep me'],
    );
    const notice = t.posted.at(-1) as { type: string; text: string };
    assert.deepEqual([notice.type, notice.text], ['notice', 'Exported 1 record to /tmp/out.']);
    await t.controller.handleMessage({ type: 'filter', filter: { tables: [], text: '' } });
    await t.controller.handleMessage({ type: 'export', format: 'eventHubsBody' });
    assert.equal(JSON.parse(t.saved()?.content ?? '').records.length, 3);
    await t.controller.handleMessage({ type: 'filter', filter: { tables: ['DeviceEvents'], text: '' } });
    await t.controller.handleMessage({ type: 'export', format: 'ndjson' });
    assert.match((t.posted.at(-1) as { text: string }).text, /nothing to export/);
  });

  it('exports what passes the page where filter, and keeps the previous filter when a page sends an invalid one', async () => {
    const t = setup();
    await t.controller.start();
    (t.sources[0] as ScriptedSource).emit([
      record('EmailEvents', { Subject: 'Invoice 1' }),
      record('AlertInfo', { Subject: 'invoice 2' }),
      record('EmailEvents', { Subject: 'other' }),
      malformed(),
    ]);
    await t.controller.handleMessage({ type: 'ready' });
    const subjects = async (): Promise<string[]> => {
      await t.controller.handleMessage({ type: 'export', format: 'ndjson' });
      return (t.saved()?.content ?? '')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).properties.Subject as string);
    };
    await t.controller.handleMessage({ type: 'filter', filter: { tables: [], text: '', where: 'Subject has "invoice"' } });
    assert.deepEqual(await subjects(), ['Invoice 1', 'invoice 2']);
    await t.controller.handleMessage({ type: 'filter', filter: { tables: [], text: '', where: 'Subject has' } });
    assert.deepEqual(t.controller.currentFilter, { tables: [], text: '', where: 'Subject has "invoice"' });
    await t.controller.handleMessage({ type: 'filter', filter: { tables: ['EmailEvents'], text: '', where: 'Subject startswith "Inv"' } });
    assert.deepEqual(await subjects(), ['Invoice 1']);
  });

  it('forwards copy, open (pretty-printed), validate and getschema; getschema without a filter uses the tables in the buffer', async () => {
    const t = setup();
    await t.controller.start();
    (t.sources[0] as ScriptedSource).emit([record('EmailEvents'), record('AlertInfo'), record('EmailEvents')]);
    await t.controller.handleMessage({ type: 'ready' });
    await t.controller.handleMessage({ type: 'copy', text: '{"a":1}' });
    await t.controller.handleMessage({ type: 'openJson', text: '{"a":1}' });
    await t.controller.handleMessage({ type: 'validate', text: '{"a":1}' });
    await t.controller.handleMessage({ type: 'insertGetschema', tables: [] });
    await t.controller.handleMessage({ type: 'insertGetschema', tables: ['EmailEvents'] });
    assert.deepEqual(t.calls, [
      ['copy', '{"a":1}'],
      ['openJson', '{\n  "a": 1\n}\n'],
      ['validate', '{"a":1}'],
      ['getschema', ['AlertInfo', 'EmailEvents']],
      ['getschema', ['EmailEvents']],
    ]);
    assert.equal((t.posted.find((m) => m.type === 'notice') as { text: string }).text, 'Validation: no findings.');
  });

  it('ignores unexpected page messages', async () => {
    const t = setup();
    await t.controller.start();
    await t.controller.handleMessage({ type: 'export', format: 'ndjson', path: '/etc/passwd' });
    await t.controller.handleMessage({ type: 'run', command: 'x' });
    assert.equal(t.saved()?.count ?? 0, 0);
  });

  it('shows a start failure (redacted) as the failed state, and Retry starts a new session', async () => {
    const t = setup({
      failStart: new Error(
        'connect failed: Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=c2VjcmV0c2VjcmV0c2VjcmV0',
      ),
    });
    await t.controller.start();
    await t.controller.handleMessage({ type: 'ready' });
    t.timers.advance(100);
    const connection = (t.batches().at(-1) as BatchMessage).connection;
    assert.equal(connection.kind, 'failed');
    assert.doesNotMatch(JSON.stringify(t.posted), /c2VjcmV0c2VjcmV0c2VjcmV0/);
  });

  it('Retry stops the old session and replays the new one from scratch; dispose stops everything', async () => {
    const t = setup();
    await t.controller.start();
    await t.controller.handleMessage({ type: 'ready' });
    (t.sources[0] as ScriptedSource).setState({ kind: 'failed', error: 'gone' });
    t.timers.advance(100);
    await t.controller.handleMessage({ type: 'retry' });
    t.timers.advance(100);
    assert.equal(t.sources.length, 2);
    assert.equal(t.sources[0]?.stopped, true);
    assert.equal((t.batches().at(-1) as BatchMessage).reset, true);
    await t.controller.dispose();
    assert.equal(t.sources[1]?.stopped, true);
    const count = t.posted.length;
    t.timers.advance(5000);
    assert.equal(t.posted.length, count);
  });

  it('Retry on a source that can reconnect resumes it in place: same source, rows kept, no reset', async () => {
    const t = setup({ reconnecting: true });
    await t.controller.start();
    await t.controller.handleMessage({ type: 'ready' });
    const source = t.sources[0] as ScriptedSource;
    source.emit([record('EmailEvents', { Subject: 'before the failure' })]);
    source.setState({ kind: 'failed', error: 'No connection for 60 s; last error: gone' });
    t.timers.advance(100);
    assert.equal((t.batches().at(-1) as BatchMessage).connection.kind, 'failed');
    const before = t.batches().length;
    await t.controller.handleMessage({ type: 'retry' });
    t.timers.advance(100);
    assert.equal(t.sources.length, 1);
    assert.equal(source.reconnects, 1);
    assert.equal(source.stopped, false);
    const after = t.batches().slice(before);
    assert.ok(after.length > 0 && after.every((b) => !b.reset), 'the page keeps its rows');
    assert.equal(after.at(-1)?.connection.kind, 'connecting');
    // A source that is not failed is not reconnected: Retry then starts afresh.
    await t.controller.handleMessage({ type: 'retry' });
    assert.equal(source.reconnects, 1);
    assert.equal(t.sources.length, 2);
  });

  it('a page that (re)loads between the session buffering entries and emitting them gets each entry once', async () => {
    const t = setup();
    await t.controller.start();
    const source = t.sources[0] as ScriptedSource;
    source.emit([record('EmailEvents', { Subject: 'a' })]);
    const held = [record('EmailEvents', { Subject: 'b' }), record('EmailEvents', { Subject: 'c' })];
    source.keep(held); // buffered, not emitted yet
    await t.controller.handleMessage({ type: 'ready' });
    t.timers.advance(100);
    const later = record('EmailEvents', { Subject: 'd' });
    source.keep([later]);
    source.deliver([...held, later]); // the session's next emit
    t.timers.advance(100);
    const ids = t.batches().flatMap((b) => b.entries.map((e) => e.id));
    assert.deepEqual(ids, [...new Set(ids)], 'no entry was sent twice');
    assert.equal(ids.length, 4);
    assert.deepEqual(
      t
        .batches()
        .at(-1)
        ?.entries.map((e) => e.summary),
      ['EmailEvents:"d"'],
    );
  });

  it('pretty-prints JSON and leaves other text alone', () => {
    assert.equal(prettyJson('[1]'), '[\n  1\n]\n');
    assert.equal(prettyJson('not json'), 'not json');
  });

  it('re-indents without parsing: every number, literal and escape stays as written', () => {
    const text = '{"a":[1e999,12345678901234567890123,-0,1.0,1E+2],"b":"caf\\u00e9 \\" {[,:]}","c":{},"d":[],"e":true,"f":null}';
    assert.equal(
      prettyJson(text),
      '{\n  "a": [\n    1e999,\n    12345678901234567890123,\n    -0,\n    1.0,\n    1E+2\n  ],\n  "b": "caf\\u00e9 \\" {[,:]}",\n  "c": {},\n  "d": [],\n  "e": true,\n  "f": null\n}\n',
    );
    assert.equal(
      prettyJson(JSON.stringify({ x: [1, { y: 'z' }] })),
      `${JSON.stringify({ x: [1, { y: 'z' }] }, null, 2)}\n`,
      'the layout of JSON.stringify',
    );
    for (const broken of ['{"a":1', '{"a":1}}', '"open', '1 2', '{"a":1} x', '[1,<b>]', '']) assert.equal(prettyJson(broken), broken);
  });

  describe('records leave the extension as received (issue #14, finding 10)', () => {
    // Values a parse would change: 1e999 (null), an integer above 2^53 (rounded), -0 (0), 1.0 (1), an escape (decoded).
    const RECORD =
      '{"time":"2026-11-25T10:00:00Z","category":"AdvancedHunting-DeviceEvents","properties":{"Inf":1e999,"Big":12345678901234567890123,"NegZero":-0,"One":1.0,"Name":"caf\\u00e9","Note":"a  b"}}';
    const VALUES = ['1e999', '12345678901234567890123', '-0', '1.0', '"caf\\u00e9"'];

    /** A real pipeline behind the panel, fed one Event Hubs body as bytes. */
    function pipelineSource(): TailSource & { pipeline: TailPipeline } {
      const pipeline = new TailPipeline();
      pipeline.ingest('0', [
        {
          sequenceNumber: 1,
          enqueuedTimeUtc: new Date(0),
          body: Buffer.from(`{"records":[${RECORD}, ${RECORD.replace('DeviceEvents', 'EmailEvents')}]}`, 'utf8'),
        },
      ]);
      return {
        pipeline,
        state: { kind: 'live' },
        stats: () => pipeline.stats(),
        onEntries: () => ({ dispose: () => undefined }),
        onState: () => ({ dispose: () => undefined }),
        onStats: () => ({ dispose: () => undefined }),
        snapshot: (filter) => Promise.resolve(pipeline.snapshot(filter)),
        clear: () => pipeline.clear(),
        stop: async () => undefined,
      };
    }

    async function setupWithPipeline() {
      const timers = new FakeTimers();
      const posted: HostToPage[] = [];
      const opened: string[] = [];
      const saved: string[] = [];
      const controller = new LiveTailController({
        hub: { configId: 'cfg', hubName: 'hub' },
        hubLabel: 'NS / hub',
        startPosition: 'from latest',
        capacity: 100,
        knownTables: [],
        host: {
          post: (m) => posted.push(m),
          copy: async () => undefined,
          openJson: async (t) => void opened.push(t),
          validate: async () => undefined,
          insertGetschema: async () => undefined,
          saveExport: async (_format, _count, content) => (saved.push(content()), '/tmp/out'),
        },
        createSource: async () => pipelineSource(),
        summarize: recordSummary,
        timers,
      });
      await controller.start();
      await controller.handleMessage({ type: 'ready' });
      timers.advance(100);
      return { controller, posted, opened, saved };
    }

    it('exports NDJSON and a message body with the bytes of each record as received', async () => {
      const t = await setupWithPipeline();
      await t.controller.handleMessage({ type: 'filter', filter: { tables: ['DeviceEvents'], text: '' } });
      await t.controller.handleMessage({ type: 'export', format: 'ndjson' });
      assert.equal(t.saved[0], `${RECORD}\n`);
      await t.controller.handleMessage({ type: 'export', format: 'eventHubsBody' });
      assert.equal(t.saved[1], `{"records":[${RECORD}]}\n`);
      for (const value of VALUES) assert.ok(t.saved[1]?.includes(value), value);
      tried({
        area: AREA,
        fault: 'Export of records holding 1e999, 12345678901234567890123, -0, 1.0 and \\u00e9 escapes',
        times: 1,
        outcome: 'NDJSON and message-body exports hold the bytes of each record as received',
      });
    });

    it('sends the page the record as received, and opens it in an editor re-indented with the same values', async () => {
      const t = await setupWithPipeline();
      const entry = (t.posted.find((m) => m.type === 'batch') as BatchMessage).entries[0];
      assert.equal(entry?.json, RECORD);
      await t.controller.handleMessage({ type: 'openJson', text: entry?.json });
      const opened = t.opened[0] as string;
      for (const [key, value] of [
        ['Inf', '1e999'],
        ['Big', '12345678901234567890123'],
        ['NegZero', '-0'],
        ['One', '1.0'],
        ['Name', '"caf\\u00e9"'],
        ['Note', '"a  b"'],
      ]) {
        assert.ok(opened.includes(`\n    "${key}": ${value}`), `${key}: ${value} in\n${opened}`);
      }
    });
  });
});

describe('live tail controller: chosen columns', () => {
  it("sends the hub's chosen columns and the catalog's column names when the page says ready", async () => {
    const t = setup({ host: { columns: () => ({ EmailEvents: ['Subject', '$summary'] }) } });
    await t.controller.start();
    await t.controller.handleMessage({ type: 'ready' });
    const init = t.posted.find((m) => m.type === 'init') as { tableColumns?: Record<string, string[]> };
    assert.ok(init.tableColumns?.DeviceProcessEvents?.includes('ProcessCommandLine'));
    assert.ok(init.tableColumns?.EmailEvents?.includes('MachineGroup'), 'the columns Defender adds to any table too');
    assert.deepEqual(
      t.posted.find((m) => m.type === 'columns'),
      { type: 'columns', chosen: { EmailEvents: ['Subject', '$summary'] } },
    );
  });

  it('"Columns…" asks the host with the tables that arrived and the columns learned, then posts the new choice', async () => {
    const requests: Array<{ table?: string; tables: readonly string[]; seen: readonly string[] }> = [];
    const t = setup({
      learner: new ShapeLearner(),
      host: {
        chooseColumns: async (request) => {
          requests.push({ ...(request.table ? { table: request.table } : {}), tables: request.tables, seen: request.seen('DeviceEvents') });
          return { DeviceEvents: ['Custom', 'DeviceName'] };
        },
      },
    });
    await t.controller.start();
    const source = t.sources[0] as ScriptedSource;
    source.emit([record('DeviceEvents', { DeviceName: 'a', Custom: 1 })]);
    await t.controller.handleMessage({ type: 'ready' });
    await t.controller.handleMessage({ type: 'chooseColumns' });
    assert.deepEqual(requests[0]?.tables, ['DeviceEvents', 'EmailEvents', 'AlertInfo'], 'arrived tables first, then the known ones');
    assert.deepEqual([...(requests[0]?.seen ?? [])].sort(), ['Custom', 'DeviceName'], 'the columns the records carried');
    assert.deepEqual(t.posted.at(-1), { type: 'columns', chosen: { DeviceEvents: ['Custom', 'DeviceName'] } });
    await t.controller.handleMessage({ type: 'chooseColumns', table: 'AlertInfo' });
    assert.equal(requests[1]?.table, 'AlertInfo');
  });

  it("a cancelled choice posts nothing; without the host's support the page is told", async () => {
    const cancelled = setup({ host: { chooseColumns: async () => undefined } });
    await cancelled.controller.start();
    await cancelled.controller.handleMessage({ type: 'ready' });
    const before = cancelled.posted.length;
    await cancelled.controller.handleMessage({ type: 'chooseColumns' });
    assert.equal(cancelled.posted.length, before);
    const t = setup();
    await t.controller.start();
    await t.controller.handleMessage({ type: 'ready' });
    await t.controller.handleMessage({ type: 'chooseColumns', table: 'x'.repeat(201) });
    await t.controller.handleMessage({ type: 'chooseColumns' });
    assert.deepEqual(
      t.posted.filter((m) => m.type === 'notice'),
      [{ type: 'notice', level: 'info', text: 'Choosing columns is not available here.' }],
      'an over-long table name is not a message',
    );
  });
});
