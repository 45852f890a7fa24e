import assert from 'node:assert/strict';
import { TailPipeline, type PipelineEvent } from '../../../src/tail/pipeline';
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
});
