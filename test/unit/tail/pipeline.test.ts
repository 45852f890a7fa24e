import assert from 'node:assert/strict';
import { TABLE_NAMES } from '../../../src/core/catalog/schemaCatalog';
import { summaryText } from '../../../src/cli/tailCommand';
import { bufferBytesFromMegabytes, MAX_TRACKED_TABLES, TailPipeline, type PipelineEvent } from '../../../src/tail/pipeline';
import { DefenderTrafficGenerator } from '../../../src/traffic/index';
import { entryBytes, TextTailRecord } from '../../../src/tail/textRecord';
import type { TailEntry } from '../../../src/tail/types';
import { toWireStats } from '../../../src/liveTail/wire';
import { message, record } from './support';
import { tried } from '../../support/reliabilityLog';

const AREA = 'Trust boundary';

const at = new Date('2025-01-31T08:00:00Z');
const ev = (sequenceNumber: number, body: unknown): PipelineEvent => ({ sequenceNumber, body, enqueuedTimeUtc: at });
const buf = (text: string) => Buffer.from(text, 'utf8');

describe('tail pipeline (pure)', () => {
  it('decodes, counts records and exact bytes per table, and stamps entries with their origin', () => {
    const p = new TailPipeline();
    const body = buf(message(record('DeviceEvents'), record('EmailEvents'), record('DeviceEvents')));
    assert.equal(p.ingest('3', [ev(7, body)]), 3);
    const stats = p.stats();
    assert.equal(stats.receivedEvents, 1);
    assert.equal(stats.receivedBytes, body.byteLength);
    assert.equal(Math.round(stats.tables.reduce((s, t) => s + t.bytes, 0)), body.byteLength);
    assert.deepEqual(
      stats.tables.map((t) => [t.table, t.records, t.known]),
      [
        ['DeviceEvents', 2, true],
        ['EmailEvents', 1, true],
      ],
    );
    assert.deepEqual(stats.lastSequenceNumbers, { '3': 7 });
    const [first] = p.takePending();
    assert.equal(first.partitionId, '3');
    assert.equal(first.sequenceNumber, 7);
    assert.equal(first.enqueuedTime, at.getTime());
    assert.deepEqual(p.takePending(), []);
  });

  it('skips events at or before the last sequence number seen in their partition', () => {
    const p = new TailPipeline();
    p.ingest('0', [ev(0, message(record('DeviceEvents'))), ev(1, message(record('DeviceEvents')))]);
    p.ingest('0', [ev(1, message(record('DeviceEvents'))), ev(2, message(record('DeviceEvents')))]);
    p.ingest('1', [ev(0, message(record('DeviceEvents')))]);
    const stats = p.stats();
    assert.equal(stats.receivedEvents, 4);
    assert.equal(stats.duplicates, 1);
    assert.deepEqual(
      p.snapshot().map((e) => `${e.partitionId}#${e.sequenceNumber}`),
      ['0#0', '0#1', '0#2', '1#0'],
    );
  });

  it('counts tables it does not know and records without a category', () => {
    const p = new TailPipeline();
    p.ingest('0', [ev(0, message({ category: 'AdvancedHunting-BrandNewTable', properties: {} }, { properties: { a: 1 } }))]);
    assert.deepEqual(
      p.stats().tables.map((t) => [t.table, t.known]),
      [
        ['', false],
        ['BrandNewTable', false],
      ],
    );
  });

  it('keeps malformed messages as entries with a reason, through a table filter', () => {
    const p = new TailPipeline({ filter: { tables: ['EmailEvents'] } });
    p.ingest('0', [ev(0, buf('{"records": [')), ev(1, buf('')), ev(2, message(record('DeviceEvents')))]);
    const entries = p.snapshot();
    assert.deepEqual(
      entries.map((e) => (e.type === 'malformed' ? e.reason : e.table)),
      ['not-json', 'empty'],
    );
    assert.deepEqual(p.stats().malformedByReason, { 'not-json': 1, empty: 1 });
    assert.equal(p.stats().shownRecords, 0);
    // A text filter looks at the reason, the message and the preview of malformed entries.
    assert.equal(p.snapshot({ text: 'records' }).length, 1);
  });

  it('bounds the buffer, and what waits for listeners to twice the buffer', () => {
    const p = new TailPipeline({ bufferSize: 10 });
    for (let i = 0; i < 35; i++) p.ingest('0', [ev(i, message(record('DeviceEvents', { N: i })))]);
    assert.equal(p.buffer.size, 10);
    assert.equal(p.stats().dropped, 25);
    const pending = p.takePending();
    assert.deepEqual(
      pending.map((e) => e.sequenceNumber),
      Array.from({ length: 20 }, (_, i) => 15 + i),
    );
  });

  it('clear() resets entries and counters but remembers where each partition is', () => {
    const p = new TailPipeline();
    p.ingest('0', [ev(5, message(record('DeviceEvents')))]);
    p.clear();
    assert.equal(p.snapshot().length, 0);
    assert.equal(p.stats().receivedRecords, 0);
    assert.equal(p.lastSequenceNumber('0'), 5);
    p.ingest('0', [ev(5, message(record('DeviceEvents'))), ev(6, message(record('DeviceEvents')))]);
    assert.equal(p.stats().receivedEvents, 1);
  });

  it('reports rates over a sliding window', () => {
    let now = 1_000_000;
    const p = new TailPipeline({ now: () => now });
    for (let s = 0; s < 5; s++) {
      p.ingest('0', [ev(s, message(...Array.from({ length: 10 }, () => record('DeviceEvents'))))]);
      now += 1000;
    }
    assert.equal(p.stats().rate, 10);
    now += 10_000;
    assert.equal(p.stats().rate, 0);
  });

  describe('the fast path (bodies as bytes are scanned, not parsed)', () => {
    const gen = new DefenderTrafficGenerator({ seed: 'pipeline-fast', recordsPerMessage: 6 });
    const bodies: Array<string | Buffer> = [];
    for (let i = 0; i < 300; i++) bodies.push(i % 10 === 9 ? gen.badMessage().body : gen.message().body);

    /** Ingests the same traffic as bytes (the fast path where it applies) and as text (always decodeMessage). */
    function both(filter?: { tables?: string[]; text?: string }) {
      const fast = new TailPipeline({ filter, bufferSize: 5000, now: () => 0 });
      const slow = new TailPipeline({ filter, bufferSize: 5000, now: () => 0 });
      bodies.forEach((body, i) => {
        fast.ingest('0', [ev(i, typeof body === 'string' ? buf(body) : body)]);
        slow.ingest('0', [ev(i, body)]); // a Buffer here is a bad message: it takes the slow path on both sides
      });
      return { fast, slow };
    }

    const shape = (entries: readonly TailEntry[]) =>
      entries.map((e) =>
        e.type === 'record'
          ? { table: e.table, known: e.known, bytes: e.bytes, seq: e.sequenceNumber, record: e.record }
          : { reason: e.reason, seq: e.sequenceNumber },
      );

    for (const filter of [
      undefined,
      { tables: ['DeviceProcessEvents', 'EmailEvents'] },
      { text: 'contoso' },
      { tables: ['DeviceNetworkEvents'], text: 'tcp' },
      { where: 'ActionType has "connection" or RemotePort > 1000' },
      { tables: ['DeviceNetworkEvents'], text: 'tcp', where: 'isnotempty(RemoteIP) and not(ActionType == "ConnectionSuccess")' },
    ]) {
      it(`counts, filters and keeps exactly what decodeMessage would (filter ${JSON.stringify(filter ?? {})})`, () => {
        const { fast, slow } = both(filter);
        const { fast: f, slow: s } = { fast: fast.stats(), slow: slow.stats() };
        assert.deepEqual(
          { ...f, rate: 0, tables: f.tables.map((t) => ({ ...t, rate: 0 })) },
          { ...s, rate: 0, tables: s.tables.map((t) => ({ ...t, rate: 0 })) },
        );
        assert.ok(f.shownRecords > 0 && f.malformed > 0);
        assert.deepEqual(shape(fast.snapshot()), shape(slow.snapshot()));
      });
    }

    it('filters by a where expression on both paths and hides malformed messages (they have no columns)', () => {
      const body = message(record('DeviceNetworkEvents', { ActionType: 'ConnectionFailed' }), record('DeviceNetworkEvents'));
      for (const b of [buf(body), body]) {
        const p = new TailPipeline({ filter: { where: 'ActionType == "ConnectionFailed"' } });
        p.ingest('0', [ev(0, b), ev(1, buf('not json'))]);
        assert.deepEqual(
          p.snapshot().map((e) => (e.type === 'record' ? (e.record.properties as { ActionType: string }).ActionType : e.type)),
          ['ConnectionFailed'],
        );
        assert.equal(p.stats().malformed, 1);
      }
    });

    it('keeps a record as the text it arrived as and parses it only when read', () => {
      const json = '{"category":"AdvancedHunting-EmailEvents","properties":{"Subject":"caf\\u00e9 \\u202e"}}';
      const text = `{"records":[${json}]}`;
      const p = new TailPipeline();
      p.ingest('0', [ev(0, buf(text))]);
      const [entry] = p.snapshot();
      assert.ok(entry instanceof TextTailRecord, 'a bytes body that scans takes the fast path');
      assert.equal(entry.json, json, 'the text as received, escapes and all');
      assert.equal((entry.record.properties as { Subject: string }).Subject, 'caf\u00e9 \u202e');
      assert.notEqual(entry.record, entry.record, 'a fresh object on each read: nothing parsed is kept');
      // A text body (as the SDK gives when it parsed nothing) takes the slow path and keeps the parsed record.
      p.ingest('0', [ev(1, text)]);
      assert.ok(!(p.snapshot()[1] instanceof TextTailRecord));
    });
  });

  describe('bounds against a hostile stream (issue #14, finding 7)', () => {
    it('counts 100,000 distinct categories with a bounded table map and bounded stats: the rest are "other tables"', () => {
      const p = new TailPipeline({ bufferSize: 1000, now: () => 0 });
      const perBody = 500;
      let seq = 0;
      for (let b = 0; b < 100_000 / perBody; b++) {
        const records: Array<Record<string, unknown>> = Array.from({ length: perBody }, (_, i) => ({
          category: `AdvancedHunting-Junk${b * perBody + i}`,
          properties: { N: b * perBody + i },
        }));
        // Catalog tables and records without a category keep their own counters, whatever came first.
        if (b === 199) records.push(record('DeviceEvents'), { properties: { a: 1 } });
        p.ingest('0', [ev(seq++, buf(message(...records)))]);
      }
      const stats = p.stats();
      assert.equal(stats.receivedRecords, 100_002);
      assert.ok(stats.tables.length <= MAX_TRACKED_TABLES + TABLE_NAMES.length + 1, `${stats.tables.length} table counters`);
      assert.equal(stats.tables.filter((t) => !t.known && t.table !== '').length, MAX_TRACKED_TABLES);
      assert.deepEqual(
        stats.tables
          .filter((t) => t.known || t.table === '')
          .map((t) => [t.table, t.records])
          .sort(),
        [
          ['', 1],
          ['DeviceEvents', 1],
        ],
      );
      assert.equal(stats.other?.records, 100_000 - MAX_TRACKED_TABLES);
      assert.equal(
        stats.tables.reduce((n, t) => n + t.records, 0) + (stats.other?.records ?? 0),
        stats.receivedRecords,
        'every record is counted once',
      );
      // What the page gets on every flush stays small.
      const posted = JSON.stringify(toWireStats(stats));
      assert.ok(posted.length < 32 * 1024, `${posted.length} characters of stats`);
      assert.equal(toWireStats(stats).other?.records, 100_000 - MAX_TRACKED_TABLES);
      const summary = summaryText(stats).split('\n');
      assert.ok(
        summary.length < MAX_TRACKED_TABLES + 10 && summary.some((l) => /\(other tables\)\s+99800 records/.test(l)),
        'the CLI summary too',
      );
      // The records of the other tables are marked, and a filter can keep just them.
      const others = p.snapshot({ other: true });
      assert.equal(others.length, 1000 - 2);
      assert.ok(others.every((e) => e.type === 'record' && e.other === true));
      assert.deepEqual(
        p.snapshot({ tables: ['DeviceEvents'] }).map((e) => e.type === 'record' && e.table),
        ['DeviceEvents'],
      );
      // clear() forgets the counted names: new names are counted one by one again.
      p.clear();
      p.ingest('0', [ev(seq++, buf(message({ category: 'AdvancedHunting-Junk99999', properties: {} })))]);
      assert.deepEqual([p.stats().tables.map((t) => t.table), p.stats().other], [['Junk99999'], undefined]);
      tried({
        area: AREA,
        fault: 'Hostile stream: 100,000 distinct category strings',
        times: 1,
        outcome: 'at most 200 names counted one by one (the rest as "other tables"); table map and posted stats bounded',
      });
    });

    it('counts a very long category name with the other tables, even before the limit', () => {
      const p = new TailPipeline({ filter: { other: true } });
      const long = 'X'.repeat(100_000);
      p.ingest('0', [ev(0, buf(message({ category: long, properties: {} }, record('EmailEvents'))))]);
      const stats = p.stats();
      assert.deepEqual(
        stats.tables.map((t) => t.table),
        ['EmailEvents'],
      );
      assert.equal(stats.other?.records, 1);
      assert.deepEqual(
        p.snapshot().map((e) => e.type === 'record' && e.other),
        [true],
        'the filter "other" keeps only that record',
      );
      // The slow path (a text body) marks and filters the same way.
      p.ingest('0', [ev(1, message({ category: long, properties: {} }, record('EmailEvents')))]);
      assert.deepEqual(
        p.snapshot().map((e) => e.type === 'record' && e.other),
        [true, true],
      );
    });

    it('keeps records of 1 MB each under the byte budget, and nothing waits for listeners beyond it', () => {
      const budget = 16 * 1024 * 1024;
      const p = new TailPipeline({ bufferSize: 10_000, bufferBytes: budget });
      const big = 'A'.repeat(1024 * 1024);
      for (let i = 0; i < 40; i++) {
        p.ingest('0', [ev(i, buf(message(record('DeviceProcessEvents', { ProcessCommandLine: big, N: i }))))]);
        const held = p.buffer.toArray().reduce((n, e) => n + entryBytes(e), 0);
        assert.ok(held <= budget, `${held} bytes held after ${i + 1} records`);
      }
      const kept = p.snapshot();
      assert.ok(kept.length >= 14 && kept.length <= 16, `${kept.length} records kept`);
      assert.equal(kept.at(-1)?.sequenceNumber, 39, 'the newest are kept');
      assert.equal(p.stats().dropped, 40 - kept.length);
      assert.ok(p.buffer.weight <= budget);
      // What waits for listeners is bounded by the same budget again: the buffer, and as much pushed out.
      const pending = p.takePending();
      assert.deepEqual(
        pending.slice(-kept.length).map((e) => e.id),
        kept.map((e) => e.id),
      );
      assert.ok(pending.reduce((n, e) => n + entryBytes(e), 0) <= 2 * budget);
      assert.equal(p.pendingCount, 0);
      p.ingest('0', [ev(40, buf(message(record('DeviceProcessEvents', { ProcessCommandLine: big }))))]);
      assert.deepEqual(
        p.takePending().map((e) => e.sequenceNumber),
        [40],
      );
      tried({
        area: AREA,
        fault: 'Hostile stream: records of 1 MB each against a 16 MiB byte budget',
        times: 1,
        outcome: 'the buffer stays within its byte budget, oldest dropped first',
      });
    });

    it('reads tail.bufferMegabytes as bytes: rounded, clamped to 16..4096, 256 when not a number', () => {
      const MB = 1024 * 1024;
      assert.deepEqual([undefined, 'big', Number.NaN, 1, 16, 100.4, 5000, Number.POSITIVE_INFINITY].map(bufferBytesFromMegabytes), [
        256 * MB,
        256 * MB,
        256 * MB,
        16 * MB,
        16 * MB,
        100 * MB,
        4096 * MB,
        256 * MB,
      ]);
      assert.equal(new TailPipeline().buffer.maxWeight, 256 * MB);
    });
  });

  describe('listeners lose nothing when a burst is bigger than the buffer', () => {
    it('takePending returns every entry added since the last call, in order, also those the buffer pushed out', () => {
      const p = new TailPipeline({ bufferSize: 100 });
      // A reconnect's catch-up: 50 events of 4 records each in one receive batch, twice the buffer.
      const events = Array.from({ length: 50 }, (_, i) =>
        ev(i, buf(message(record('DeviceEvents'), record('DeviceEvents'), record('AlertInfo'), record('DeviceEvents')))),
      );
      p.ingest('0', events);
      assert.equal(p.overflowing, true);
      const taken = p.takePending();
      assert.equal(taken.length, 200);
      assert.deepEqual(
        [...new Set(taken.map((e) => e.sequenceNumber))],
        Array.from({ length: 50 }, (_, i) => i),
      );
      assert.equal(p.overflowing, false);
      assert.equal(p.snapshot().length, 100, 'the buffer itself still keeps only the newest');
      p.ingest('0', [ev(50, buf(message(record('DeviceEvents'))))]);
      assert.deepEqual(
        p.takePending().map((e) => e.sequenceNumber),
        [50],
      );
    });

    it('a paused tail drops what the buffer pushed out, keeping only the newest', () => {
      const p = new TailPipeline({ bufferSize: 10 });
      p.ingest(
        '0',
        Array.from({ length: 30 }, (_, i) => ev(i, buf(message(record('DeviceEvents'))))),
      );
      p.dropOverflow();
      assert.deepEqual(
        p.takePending().map((e) => e.sequenceNumber),
        Array.from({ length: 10 }, (_, i) => 20 + i),
      );
    });
  });
});
