import assert from 'node:assert/strict';
import { RingBuffer } from '../../../src/core/filter/ringBuffer';

function filled(capacity: number, count: number): RingBuffer<number> {
  const ring = new RingBuffer<number>(capacity);
  for (let i = 1; i <= count; i++) ring.push(i);
  return ring;
}

describe('core/filter/ringBuffer', () => {
  it('starts empty', () => {
    const ring = new RingBuffer<string>(3);
    assert.equal(ring.size, 0);
    assert.equal(ring.capacity, 3);
    assert.equal(ring.dropped, 0);
    assert.deepEqual(ring.toArray(), []);
    assert.deepEqual([...ring], []);
    assert.equal(ring.at(0), undefined);
  });

  it('keeps items oldest first while under capacity', () => {
    const ring = filled(5, 3);
    assert.equal(ring.size, 3);
    assert.deepEqual(ring.toArray(), [1, 2, 3]);
    assert.equal(ring.dropped, 0);
  });

  it('holds exactly capacity items when full', () => {
    const ring = filled(4, 4);
    assert.deepEqual(ring.toArray(), [1, 2, 3, 4]);
    assert.equal(ring.dropped, 0);
  });

  it('overwrites the oldest item and counts it as dropped', () => {
    const ring = filled(3, 5);
    assert.equal(ring.size, 3);
    assert.deepEqual(ring.toArray(), [3, 4, 5]);
    assert.equal(ring.dropped, 2);
  });

  it('keeps order across many wrap-arounds', () => {
    const ring = filled(7, 1000);
    assert.deepEqual(ring.toArray(), [994, 995, 996, 997, 998, 999, 1000]);
    assert.equal(ring.dropped, 993);
  });

  it('works with capacity 1', () => {
    const ring = filled(1, 3);
    assert.deepEqual(ring.toArray(), [3]);
    assert.equal(ring.dropped, 2);
  });

  it('at() indexes from the oldest and returns undefined out of range', () => {
    const ring = filled(3, 4); // holds 2, 3, 4
    assert.equal(ring.at(0), 2);
    assert.equal(ring.at(1), 3);
    assert.equal(ring.at(2), 4);
    assert.equal(ring.at(3), undefined);
    assert.equal(ring.at(-1), undefined);
  });

  it('iterates oldest first, like toArray', () => {
    const ring = filled(4, 9);
    assert.deepEqual([...ring], ring.toArray());
    const seen: number[] = [];
    for (const item of ring) seen.push(item);
    assert.deepEqual(seen, [6, 7, 8, 9]);
  });

  it('clear() empties the buffer, resets the dropped count and can be refilled', () => {
    const ring = filled(3, 5);
    ring.clear();
    assert.equal(ring.size, 0);
    assert.equal(ring.dropped, 0);
    assert.deepEqual(ring.toArray(), []);
    ring.push(10);
    ring.push(11);
    assert.deepEqual(ring.toArray(), [10, 11]);
    assert.equal(ring.at(0), 10);
  });

  it('holds undefined and null items like any other', () => {
    const ring = new RingBuffer<number | null | undefined>(2);
    ring.push(undefined);
    ring.push(null);
    assert.equal(ring.size, 2);
    assert.deepEqual(ring.toArray(), [undefined, null]);
  });

  it('rejects a capacity that is not a whole number of at least 1', () => {
    for (const capacity of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      assert.throws(() => new RingBuffer(capacity), RangeError, String(capacity));
    }
  });

  describe('with a maximum weight (a byte budget)', () => {
    it('drops the oldest items while the held weight is over the maximum, and counts them as dropped', () => {
      const ring = new RingBuffer<string>(100, 10);
      ring.push('a', 4);
      ring.push('b', 4);
      assert.equal(ring.weight, 8);
      ring.push('c', 4);
      assert.deepEqual([ring.toArray(), ring.weight, ring.dropped], [['b', 'c'], 8, 1]);
      ring.push('d', 9);
      assert.deepEqual([ring.toArray(), ring.weight, ring.dropped], [['d'], 9, 3]);
    });

    it('keeps the newest item even when it alone weighs more than the maximum', () => {
      const ring = new RingBuffer<string>(5, 10);
      ring.push('a', 1);
      ring.push('huge', 50);
      assert.deepEqual([ring.toArray(), ring.weight], [['huge'], 50]);
      ring.push('b', 1);
      assert.deepEqual([ring.toArray(), ring.weight], [['b'], 1]);
    });

    it('still holds at most capacity items, and forgets the weight of the items it overwrites', () => {
      const ring = new RingBuffer<number>(3, 1000);
      for (let i = 1; i <= 10; i++) ring.push(i, i);
      assert.deepEqual([ring.toArray(), ring.weight, ring.dropped], [[8, 9, 10], 27, 7]);
      ring.clear();
      assert.deepEqual([ring.size, ring.weight, ring.dropped], [0, 0, 0]);
    });

    it('ignores weights without a maximum, and rejects a maximum that is not positive', () => {
      const ring = new RingBuffer<number>(3);
      ring.push(1, 1e12);
      assert.deepEqual([ring.weight, ring.size], [0, 1]);
      for (const max of [0, -1, Number.NaN]) assert.throws(() => new RingBuffer(3, max), RangeError, String(max));
    });
  });

  it('slice(from) returns the items from the from-th oldest on', () => {
    const ring = filled(4, 6);
    assert.deepEqual(ring.slice(1), [4, 5, 6]);
    assert.deepEqual(ring.slice(0), ring.toArray());
    assert.deepEqual([ring.slice(4), ring.slice(99), ring.slice(-3)], [[], [], [3, 4, 5, 6]]);
  });
});
