import assert from 'node:assert/strict';
import { closestMatches, editDistance } from '../../../src/core/text/suggest';

describe('core/text/suggest', () => {
  describe('editDistance', () => {
    it('is 0 for equal strings and the length of the other for an empty one', () => {
      assert.equal(editDistance('abc', 'abc'), 0);
      assert.equal(editDistance('', 'abc'), 3);
      assert.equal(editDistance('abc', ''), 3);
      assert.equal(editDistance('', ''), 0);
    });

    it('counts insertions, deletions and substitutions', () => {
      assert.equal(editDistance('kitten', 'sitting'), 3);
      assert.equal(editDistance('flaw', 'lawn'), 2);
      assert.equal(editDistance('DeviceEvents', 'DeviceEvent'), 1);
      assert.equal(editDistance('DeviceEvents', 'DevicXeEvents'), 1);
      assert.equal(editDistance('DeviceEvents', 'DeviceEvants'), 1);
    });

    it('is case-sensitive', () => {
      assert.equal(editDistance('a', 'A'), 1);
    });

    it('stops early with max + 1 once the distance exceeds the budget', () => {
      assert.equal(editDistance('abcdefgh', 'zzzzzzzz', 2), 3);
      assert.equal(editDistance('a', 'abcdef', 2), 3); // length difference alone exceeds the budget
      assert.equal(editDistance('kitten', 'sitting', 3), 3); // within budget: exact
    });
  });

  describe('closestMatches', () => {
    const names = ['DeviceEvents', 'DeviceFileEvents', 'DeviceInfo', 'AlertInfo'];

    it('puts a case-insensitive exact match first', () => {
      assert.deepEqual(closestMatches('deviceinfo', names), ['DeviceInfo']);
    });

    it('orders by distance, then alphabetically', () => {
      assert.deepEqual(closestMatches('DeviceInfoo', names), ['DeviceInfo']);
      assert.deepEqual(closestMatches('ab', ['ac', 'aa', 'abc']), ['aa', 'abc', 'ac']);
    });

    it('grows the budget with the length of the input, from 1 up to 3', () => {
      assert.deepEqual(closestMatches('ab', ['xy']), []); // 2 edits, budget 1
      assert.deepEqual(closestMatches('abcdefgh', ['abcdefxy']), ['abcdefxy']); // 2 edits, budget 2
      assert.deepEqual(closestMatches('abcdefghijklmnopqrst', ['abcdefghijklmnopqxyz']), ['abcdefghijklmnopqxyz']); // 3 edits, budget 3
      assert.deepEqual(closestMatches('abcdefghijklmnopqrst', ['abcdefghijklmnopwxyz']), []); // 4 edits, budget capped at 3
    });

    it('respects the limit', () => {
      assert.equal(closestMatches('a', ['b', 'c', 'd', 'e'], 2).length, 2);
      assert.equal(closestMatches('a', ['b', 'c', 'd', 'e']).length, 3);
    });

    it('returns nothing for no candidates', () => {
      assert.deepEqual(closestMatches('x', []), []);
    });
  });
});
