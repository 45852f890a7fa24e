import assert from 'node:assert/strict';
import { TailPipeline, type PipelineEvent } from '../../../src/tail/pipeline';
import { DefenderTrafficGenerator } from '../../../src/traffic/index';
import { TextTailRecord } from '../../../src/tail/textRecord';
import type { TailEntry } from '../../../src/tail/types';
import { message, record } from './support';

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
    assert.deepEqual(stats.tables.map((t) => [t.table, t.records, t.known]), [['DeviceEvents', 2, true], ['EmailEvents', 1, true]]);
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
    assert.deepEqual(p.snapshot().map((e) => `${e.partitionId}#${e.sequenceNumber}`), ['0#0', '0#1', '0#2', '1#0']);
  });

  it('counts tables it does not know and records without a category', () => {
    const p = new TailPipeline();
    p.ingest('0', [ev(0, message({ category: 'AdvancedHunting-BrandNewTable', properties: {} }, { properties: { a: 1 } }))]);
    assert.deepEqual(p.stats().tables.map((t) => [t.table, t.known]), [['', false], ['BrandNewTable', false]]);
  });

  it('keeps malformed messages as entries with a reason, through a table filter', () => {
    const p = new TailPipeline({ filter: { tables: ['EmailEvents'] } });
    p.ingest('0', [ev(0, buf('{"records": [')), ev(1, buf('')), ev(2, message(record('DeviceEvents')))]);
    const entries = p.snapshot();
    assert.deepEqual(entries.map((e) => (e.type === 'malformed' ? e.reason : e.table)), ['not-json', 'empty']);
    assert.deepEqual(p.stats().malformedByReason, { 'not-json': 1, empty: 1 });
    assert.equal(p.stats().shownRecords, 0);
    // A text filter looks at the reason, the message and the preview of malformed entries.
    assert.equal(p.snapshot({ text: 'records' }).length, 1);
  });

  it('bounds the buffer and what waits for listeners', () => {
    const p = new TailPipeline({ bufferSize: 10 });
    for (let i = 0; i < 35; i++) p.ingest('0', [ev(i, message(record('DeviceEvents', { N: i })))]);
    assert.equal(p.buffer.size, 10);
    assert.equal(p.stats().dropped, 25);
    const pending = p.takePending();
    assert.equal(pending.length, 10);
    assert.equal(pending[9].sequenceNumber, 34);
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
      entries.map((e) => (e.type === 'record' ? { table: e.table, known: e.known, bytes: e.bytes, seq: e.sequenceNumber, record: e.record } : { reason: e.reason, seq: e.sequenceNumber }));

    for (const filter of [undefined, { tables: ['DeviceProcessEvents', 'EmailEvents'] }, { text: 'contoso' }, { tables: ['DeviceNetworkEvents'], text: 'tcp' }]) {
      it(`counts, filters and keeps exactly what decodeMessage would (filter ${JSON.stringify(filter ?? {})})`, () => {
        const { fast, slow } = both(filter);
        const { fast: f, slow: s } = { fast: fast.stats(), slow: slow.stats() };
        assert.deepEqual({ ...f, rate: 0, tables: f.tables.map((t) => ({ ...t, rate: 0 })) }, { ...s, rate: 0, tables: s.tables.map((t) => ({ ...t, rate: 0 })) });
        assert.ok(f.shownRecords > 0 && f.malformed > 0);
        assert.deepEqual(shape(fast.snapshot()), shape(slow.snapshot()));
      });
    }

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
});

