import assert from 'node:assert/strict';
import { MAX_POOL, isAtBottom, navigate, poolSize, scrollToReveal, visibleWindow } from '../../../src/webviewUi/liveTail/windowing';

describe('virtual list windowing', () => {
  it('renders the visible rows plus the overscan, clamped to the data', () => {
    assert.deepEqual(visibleWindow(0, 220, 22, 100_000, 4), { first: 0, end: 14 });
    assert.deepEqual(visibleWindow(22 * 1000, 220, 22, 100_000, 4), { first: 996, end: 1014 });
    // Half a row scrolled: the partly visible rows count.
    assert.deepEqual(visibleWindow(22 * 1000 + 11, 220, 22, 100_000, 0), { first: 1000, end: 1011 });
    assert.deepEqual(visibleWindow(22 * 99_995, 220, 22, 100_000, 4), { first: 99_991, end: 100_000 });
    assert.deepEqual(visibleWindow(0, 220, 22, 3, 4), { first: 0, end: 3 });
    assert.deepEqual(visibleWindow(0, 220, 22, 0, 4), { first: 0, end: 0 });
    // Scrolled beyond the end (rows were filtered away): still inside the data.
    const w = visibleWindow(22 * 5000, 220, 22, 100, 4);
    assert.ok(w.first <= w.end && w.end === 100);
  });

  it('never renders more than the pool bound, however tall the viewport', () => {
    for (const height of [10, 500, 4400, 10_000, 100_000]) {
      const w = visibleWindow(22 * 40_000, height, 22, 100_000, 4);
      assert.ok(w.end - w.first <= MAX_POOL, `height ${height}`);
      assert.ok(poolSize(height, 22, 4) <= MAX_POOL);
    }
    assert.equal(poolSize(880, 22, 4), 49);
    assert.equal(poolSize(0, 22), 0);
  });

  it('scrolls the least amount to reveal a row', () => {
    assert.equal(scrollToReveal(5, 0, 220, 22), 0); // visible already
    assert.equal(scrollToReveal(9, 0, 220, 22), 0);
    assert.equal(scrollToReveal(10, 300, 220, 22), 220); // above: align top
    assert.equal(scrollToReveal(20, 0, 220, 22), 22 * 21 - 220); // below: align bottom
  });

  it('is at the bottom within half a row', () => {
    assert.equal(isAtBottom(780, 220, 1000, 22), true);
    assert.equal(isAtBottom(770, 220, 1000, 22), true);
    assert.equal(isAtBottom(760, 220, 1000, 22), false);
  });

  it('moves the selection with Up/Down/PageUp/PageDown/Home/End, within the rows', () => {
    assert.equal(navigate('ArrowDown', 5, 100, 10), 6);
    assert.equal(navigate('ArrowUp', 5, 100, 10), 4);
    assert.equal(navigate('ArrowUp', 0, 100, 10), 0);
    assert.equal(navigate('ArrowDown', 99, 100, 10), 99);
    assert.equal(navigate('PageDown', 5, 100, 10), 14);
    assert.equal(navigate('PageUp', 5, 100, 10), 0);
    assert.equal(navigate('Home', 50, 100, 10), 0);
    assert.equal(navigate('End', 50, 100, 10), 99);
    // Nothing selected yet: Down starts at the top, Up at the bottom.
    assert.equal(navigate('ArrowDown', -1, 100, 10), 0);
    assert.equal(navigate('ArrowUp', -1, 100, 10), 99);
    assert.equal(navigate('End', -1, 0, 10), -1);
  });
});
