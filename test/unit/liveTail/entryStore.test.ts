import assert from 'node:assert/strict';
import type { WireEntry } from '../../../src/liveTail/shared/protocol';
import { EntryStore, compilePageFilter } from '../../../src/webviewUi/liveTail/entryStore';

const TABLES = ['DeviceProcessEvents', 'EmailEvents', 'AlertInfo'];
function rec(id: number, table = TABLES[id % 3] as string, extra = ''): WireEntry {
  return {
    id,
    kind: 'record',
    time: '',
    table,
    known: true,
    summary: '',
    partition: '0',
    seq: id,
    json: JSON.stringify({ category: `AdvancedHunting-${table}`, id, extra }),
  };
}
function bad(id: number, preview: string): WireEntry {
  return {
    id,
    kind: 'malformed',
    time: '',
    table: '',
    known: false,
    summary: 'not-json: The message body is not valid JSON.',
    partition: '0',
    seq: id,
    json: preview,
    reason: 'not-json',
  };
}
const ids = (s: EntryStore): number[] => Array.from({ length: s.shownCount }, (_, i) => (s.shownAt(i) as WireEntry).id);

describe('page entry store', () => {
  it('keeps the newest capacity entries and reports rows dropped at the top', () => {
    const s = new EntryStore(5);
    s.add([1, 2, 3].map((i) => rec(i)));
    assert.deepEqual(s.add([4, 5, 6, 7].map((i) => rec(i))), { droppedShown: 2 });
    assert.equal(s.size, 5);
    assert.deepEqual(ids(s), [3, 4, 5, 6, 7]);
    // A batch larger than the capacity keeps only its newest entries.
    s.add(Array.from({ length: 12 }, (_, i) => rec(100 + i)));
    assert.deepEqual(ids(s), [107, 108, 109, 110, 111]);
  });

  it('filters by a where expression over the record JSON, with the other filters; it hides malformed rows', () => {
    const s = new EntryStore(100);
    s.add([rec(1), rec(2), rec(3, 'AlertInfo', 'Needle'), bad(4, 'category AlertInfo')]);
    s.setFilter({ tables: [], text: '', where: 'category endswith "-AlertInfo"' });
    assert.deepEqual(ids(s), [2, 3]);
    s.setFilter({ tables: [], text: 'needle', where: 'category endswith "-AlertInfo"' });
    assert.deepEqual(ids(s), [3]);
    s.setFilter({ tables: ['EmailEvents'], text: '', where: 'not(category has "AlertInfo")' });
    assert.deepEqual(ids(s), [1]);
    s.add([rec(5, 'AlertInfo'), { ...rec(6, 'AlertInfo'), json: '{"category":"AdvancedHunting-AlertInfo"' }]);
    s.setFilter({ tables: [], text: '', where: 'category =~ "advancedhunting-alertinfo"' });
    assert.deepEqual(ids(s), [2, 3, 5], 'JSON that does not parse matches nothing');
    s.setFilter({ tables: [], text: '', where: 'category ==' });
    assert.deepEqual(ids(s), [1, 2, 3, 4, 5, 6], 'an invalid expression (the page never applies one) filters nothing');
  });

  it('filters by tables and by case-insensitive text (regex characters are literal), incrementally and on change', () => {
    const s = new EntryStore(100);
    s.add([rec(1), rec(2), rec(3, 'AlertInfo', 'Needle.*'), rec(4), bad(5, 'NEEDLE.* in garbage')]);
    s.setFilter({ tables: ['AlertInfo', 'DeviceEvents'], text: '' });
    assert.deepEqual(ids(s), [2, 3], 'malformed rows have no table');
    s.setFilter({ tables: [], text: 'needle.*' });
    assert.deepEqual(ids(s), [3, 5]);
    s.add([rec(6, 'EmailEvents', 'xneedle.*x'), rec(7, 'EmailEvents', 'needle')]);
    assert.deepEqual(ids(s), [3, 5, 6]);
    s.setFilter({ tables: [], text: '' });
    assert.deepEqual(ids(s), [1, 2, 3, 4, 5, 6, 7]);
    assert.equal(compilePageFilter({ tables: [], text: '(' }).matches(rec(1, 'AlertInfo', '(')), true);
  });

  it('finds a row by id and forgets everything on clear', () => {
    const s = new EntryStore(1000);
    s.add(Array.from({ length: 500 }, (_, i) => rec(i * 2)));
    assert.equal(s.indexOfId(200), 100);
    assert.equal(s.indexOfId(201), -1);
    s.setFilter({ tables: ['EmailEvents'], text: '' });
    assert.equal((s.shownAt(s.indexOfId(4)) as WireEntry).id, 4);
    s.clear();
    assert.equal(s.size, 0);
    assert.equal(s.shownCount, 0);
    assert.equal(s.indexOfId(4), -1);
  });

  it('stays consistent over many wrap-arounds with a filter (shown rows ⊆ held entries, in order)', () => {
    const s = new EntryStore(1000);
    s.setFilter({ tables: ['AlertInfo'], text: '' });
    for (let b = 0; b < 50; b++) s.add(Array.from({ length: 333 }, (_, i) => rec(b * 333 + i)));
    const shown = ids(s);
    const held = [...s.entries()].filter((e) => e.table === 'AlertInfo').map((e) => e.id);
    assert.deepEqual(shown, held);
    assert.equal(s.size, 1000);
  });

  it('keeps the entries within a character budget (the newest always) and filters on "other tables"', () => {
    const s = new EntryStore(1000, 10_000);
    for (let i = 1; i <= 50; i++) s.add([rec(i, 'EmailEvents', 'x'.repeat(1000))]);
    assert.ok(s.heldChars <= 10_000, `${s.heldChars} characters held`);
    assert.ok(s.size >= 8 && s.size < 10, `${s.size} entries`);
    assert.equal(ids(s).at(-1), 50);
    s.add([rec(51, 'EmailEvents', 'y'.repeat(50_000))]);
    assert.deepEqual(ids(s), [51]);

    const t = new EntryStore(100);
    t.add([rec(1), { ...rec(2, 'Junk'), other: true }, rec(3, 'Junk2'), bad(4, 'x')]);
    t.setFilter({ tables: [], text: '', other: true });
    assert.deepEqual(ids(t), [2]);
    t.setFilter({ tables: ['Junk2'], text: '', other: true });
    assert.deepEqual(ids(t), [2, 3]);
    // A table counted with the others is matched by "other tables", not by its name.
    t.setFilter({ tables: ['Junk'], text: '' });
    assert.deepEqual(ids(t), []);
  });
});
