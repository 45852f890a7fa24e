import assert from 'node:assert/strict';
import { LineReader } from '../../../src/storage/lineReader';

const text = (bytes: Uint8Array): string => Buffer.from(bytes).toString('utf8');
const buf = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));

describe('storage line reader', () => {
  it('returns complete lines with their blob offsets and holds a cut line until its end', () => {
    const reader = new LineReader(100);
    const first = reader.push(buf('{"a":1}\n{"b":'));
    assert.deepEqual(
      first.map((l) => [text(l.bytes), l.offset]),
      [['{"a":1}', 100]],
    );
    assert.equal(reader.pendingBytes, 5);
    assert.equal(reader.committedOffset, 108);
    const second = reader.push(buf('2}\r\n\n  \n{"c":3}\n'));
    assert.deepEqual(
      second.map((l) => [text(l.bytes), l.offset]),
      [
        ['{"b":2}', 108],
        ['{"c":3}', 121],
      ],
    );
    assert.equal(reader.offset, 129);
    assert.equal(reader.committedOffset, 129);
  });

  it('splits multi-byte characters across chunks without damage', () => {
    const reader = new LineReader();
    const all = buf('{"n":"Zoë ✓"}\n');
    const lines = [...reader.push(all.subarray(0, 10)), ...reader.push(all.subarray(10))];
    assert.equal(text(lines[0].bytes), '{"n":"Zoë ✓"}');
  });

  it('keeps at most maxLineBytes of a long line and marks it truncated', () => {
    const reader = new LineReader(0, 8);
    assert.deepEqual(reader.push(buf('0123456')), []);
    assert.deepEqual(reader.push(buf('789abc')), []);
    assert.equal(reader.pendingBytes, 13);
    const [long, next] = reader.push(buf('def\n{}\n'));
    assert.equal(text(long.bytes), '01234567');
    assert.equal(long.truncated, true);
    assert.equal(long.length, 16);
    assert.equal(text(next.bytes), '{}');
    assert.equal(next.offset, 17);
    const [inOne] = new LineReader(0, 4).push(buf('abcdefgh\n'));
    assert.deepEqual([text(inOne.bytes), inOne.truncated, inOne.length], ['abcd', true, 8]);
  });

  it('flushes a last line without a line break', () => {
    const reader = new LineReader();
    reader.push(buf('{"a":1}\n{"b"'));
    const [last] = reader.flush();
    assert.equal(text(last.bytes), '{"b"');
    assert.equal(reader.flush().length, 0);
  });
});
