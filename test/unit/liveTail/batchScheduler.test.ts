import assert from 'node:assert/strict';
import { BatchScheduler, type Flush } from '../../../src/liveTail/batchScheduler';
import { FakeTimers } from './fakeTimers';

function setup(o: { capacity?: number; maxPerBatch?: number; catchUpIntervalMs?: number } = {}) {
  const timers = new FakeTimers();
  const flushes: Array<Flush<number> & { at: number }> = [];
  const s = new BatchScheduler<number>({
    intervalMs: 100,
    catchUpIntervalMs: o.catchUpIntervalMs,
    maxPerBatch: o.maxPerBatch ?? 1000,
    capacity: o.capacity ?? 10_000,
    timers,
    flush: (f) => flushes.push({ ...f, at: timers.now() }),
  });
  return { timers, flushes, s };
}
const range = (from: number, n: number): number[] => Array.from({ length: n }, (_, i) => from + i);

describe('batch scheduler (extension → page posts)', () => {
  it('posts at most one batch per 100 ms however often entries arrive (≤ 10 posts a second)', () => {
    const { timers, flushes, s } = setup();
    s.setOpen(true);
    for (let ms = 0; ms < 1000; ms += 5) {
      s.push([ms]);
      timers.advance(5);
    }
    timers.advance(200);
    assert.ok(flushes.length <= 11, `${flushes.length} flushes`);
    for (let i = 1; i < flushes.length; i++) assert.ok((flushes[i] as { at: number }).at - (flushes[i - 1] as { at: number }).at >= 100);
    assert.deepEqual(
      flushes.flatMap((f) => f.entries),
      range(0, 200).map((i) => i * 5),
    );
  });

  it('keeps buffering while closed (hidden page) and delivers on open, bounded by the capacity with a reset', () => {
    const { timers, flushes, s } = setup({ capacity: 100 });
    s.push(range(0, 50));
    timers.advance(1000);
    assert.equal(flushes.length, 0);
    s.setOpen(true);
    timers.advance(0);
    assert.deepEqual(flushes[0], { reset: false, entries: range(0, 50), skipped: 0, at: 1000 });
    s.setOpen(false);
    s.push(range(50, 500));
    assert.equal(s.pending, 100);
    s.setOpen(true);
    timers.advance(100);
    assert.equal(flushes.length, 2);
    assert.deepEqual(flushes[1]?.reset, true);
    assert.deepEqual(flushes[1]?.entries, range(450, 100));
  });

  it('replays a snapshot from scratch over several batches of at most maxPerBatch', () => {
    const { timers, flushes, s } = setup({ maxPerBatch: 30 });
    s.setOpen(true);
    s.replay(range(0, 70));
    timers.advance(1000);
    assert.deepEqual(
      flushes.map((f) => [f.reset, f.entries.length]),
      [
        [true, 30],
        [false, 30],
        [false, 10],
      ],
    );
    assert.deepEqual(
      flushes.flatMap((f) => f.entries),
      range(0, 70),
    );
  });

  it('sends a replay at the catch-up interval, then follows at the normal one again', () => {
    const { timers, flushes, s } = setup({ maxPerBatch: 30, catchUpIntervalMs: 25 });
    s.setOpen(true);
    s.replay(range(0, 70));
    timers.advance(1000);
    assert.deepEqual(
      flushes.map((f) => [f.at, f.entries.length]),
      [
        [0, 30],
        [25, 30],
        [50, 10],
      ],
    );
    // Following again: a burst larger than a post waits for the normal interval and shows the newest.
    s.push(range(70, 100));
    timers.advance(10);
    s.push(range(170, 100));
    timers.advance(1000);
    assert.deepEqual(
      flushes.slice(3).map((f) => [f.at, f.entries.length, f.skipped]),
      [
        [1000, 30, 70],
        [1100, 30, 70],
      ],
    );
  });

  it('following a stream faster than one post a tick carries: posts the newest, counts the older as passed over', () => {
    const { timers, flushes, s } = setup({ maxPerBatch: 100 });
    s.setOpen(true);
    let next = 0;
    for (let ms = 0; ms < 1000; ms += 50) {
      s.push(range(next, 250));
      next += 250;
      timers.advance(50);
    }
    timers.advance(200);
    const posted = flushes.flatMap((f) => f.entries);
    const skipped = flushes.reduce((n, f) => n + f.skipped, 0);
    assert.equal(posted.length + skipped, next, 'every entry is either posted or counted');
    assert.ok(skipped > 0);
    assert.ok(flushes.every((f) => f.entries.length <= 100 && !f.reset));
    for (let i = 1; i < posted.length; i++) assert.ok(posted[i]! > posted[i - 1]!, 'in order, none twice');
    assert.equal(posted.at(-1), next - 1, 'the newest is always shown');
    // What each post carries is what had arrived last before it, with nothing between it and the previous post but passed-over entries.
    let seen = -1;
    for (const f of flushes) {
      if (f.entries.length === 0) continue;
      assert.equal(f.entries[0], seen + 1 + f.skipped);
      seen = f.entries.at(-1)!;
    }
  });

  it('a catch-up after a pause, and a replay, go out in order with nothing passed over, then following resumes', () => {
    const { timers, flushes, s } = setup({ maxPerBatch: 100 });
    s.setOpen(true);
    s.setHold(true);
    s.push(range(0, 350));
    timers.advance(300);
    s.setHold(false);
    timers.advance(0);
    s.push(range(350, 50)); // arrives during the catch-up: after it, in order
    timers.advance(1000);
    assert.deepEqual(
      flushes.flatMap((f) => f.entries),
      range(0, 400),
    );
    assert.equal(
      flushes.reduce((n, f) => n + f.skipped, 0),
      0,
    );
    s.replay(range(0, 250));
    s.push(range(400, 30));
    timers.advance(1000);
    const afterReplay = flushes.slice(flushes.findIndex((f) => f.reset));
    assert.deepEqual(
      afterReplay.flatMap((f) => f.entries),
      [...range(0, 250), ...range(400, 30)],
    );
    flushes.length = 0;
    s.push(range(430, 300)); // following again: more than a post carries
    timers.advance(100);
    assert.deepEqual(
      flushes.map((f) => [f.skipped, f.entries[0], f.entries.length]),
      [[200, 630, 100]],
    );
  });

  it('holds entries while paused but still posts counts when touched; resumes with what arrived', () => {
    const { timers, flushes, s } = setup();
    s.setOpen(true);
    s.setHold(true);
    s.push([1, 2, 3]);
    timers.advance(500);
    assert.equal(flushes.length, 0);
    s.touch();
    timers.advance(100);
    assert.deepEqual(
      flushes.map((f) => f.entries),
      [[]],
    );
    s.setHold(false);
    timers.advance(100);
    assert.deepEqual(flushes.at(-1)?.entries, [1, 2, 3]);
  });

  it('delivers a replay even while held (a reloaded, paused page shows its rows again)', () => {
    const { timers, flushes, s } = setup();
    s.setOpen(true);
    s.setHold(true);
    s.replay([1, 2]);
    timers.advance(100);
    assert.deepEqual(
      flushes.map((f) => [f.reset, f.entries]),
      [[true, [1, 2]]],
    );
    s.push([3]);
    timers.advance(500);
    assert.equal(flushes.length, 1, 'new entries are held again once the replay is out');
  });

  it('stops its timer when closed or disposed', () => {
    const { timers, s } = setup();
    s.setOpen(true);
    s.push([1]);
    assert.equal(timers.scheduled, 1);
    s.setOpen(false);
    assert.equal(timers.scheduled, 0);
    s.setOpen(true);
    s.dispose();
    assert.equal(timers.scheduled, 0);
    assert.equal(s.pending, 0);
  });

  it('bounds what waits and what one post carries in bytes, not only in entries', () => {
    const timers = new FakeTimers();
    const flushes: Array<Flush<string>> = [];
    const MB = 1024 * 1024;
    const s = new BatchScheduler<string>({
      intervalMs: 100,
      maxPerBatch: 5000,
      capacity: 10_000,
      capacityBytes: 8 * MB,
      maxBytesPerBatch: 3 * MB,
      sizeOf: (e) => e.length,
      timers,
      flush: (f) => flushes.push(f),
    });
    const big = (i: number): string => String(i).padEnd(MB, '.');
    s.push(Array.from({ length: 50 }, (_, i) => big(i))); // hidden page: 50 MB arrive
    assert.equal(s.pending, 8);
    assert.ok(s.pendingBytes <= 8 * MB);
    s.setOpen(true);
    timers.advance(1000);
    assert.deepEqual(
      flushes.map((f) => [f.reset, f.entries.length]),
      [
        [true, 3],
        [false, 3],
        [false, 2],
      ],
    );
    assert.deepEqual(
      flushes.flatMap((f) => f.entries.map((e) => parseInt(e, 10))),
      [42, 43, 44, 45, 46, 47, 48, 49],
    );
    assert.equal(s.pendingBytes, 0);
    // A replay keeps the newest that fit; one entry larger than a post still goes, alone.
    s.replay([big(1), big(2), 'x'.repeat(20 * MB)]);
    timers.advance(1000);
    assert.deepEqual(
      flushes.slice(3).map((f) => [f.reset, f.entries.map((e) => e.length)]),
      [[true, [20 * MB]]],
    );
  });
});
