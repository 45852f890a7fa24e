import assert from 'node:assert/strict';
import {
  EMPTY_COLUMNS,
  MAX_COLUMN_HUBS,
  MAX_COLUMNS_PER_TABLE,
  columnOptions,
  columnsOfHub,
  parseColumnOrder,
  parseStoredColumns,
  withTableColumns,
} from '../../../src/liveTail/columnChoice';

describe('live tail chosen columns (kept per hub)', () => {
  it("keeps a table's columns per hub; the summary alone or nothing is the default and removes the entry", () => {
    let stored = withTableColumns(EMPTY_COLUMNS, 'cfg/hub', 'DeviceEvents', ['DeviceName', '$summary', 'DeviceName']);
    assert.deepEqual(columnsOfHub(stored, 'cfg/hub'), { DeviceEvents: ['DeviceName', '$summary'] }, 'each name once');
    assert.deepEqual(columnsOfHub(stored, 'cfg/other'), {});
    stored = withTableColumns(stored, 'cfg/hub', 'EmailEvents', ['Subject']);
    assert.deepEqual(Object.keys(columnsOfHub(stored, 'cfg/hub')), ['EmailEvents', 'DeviceEvents']);
    stored = withTableColumns(stored, 'cfg/hub', 'DeviceEvents', ['$summary']);
    assert.deepEqual(columnsOfHub(stored, 'cfg/hub'), { EmailEvents: ['Subject'] });
    stored = withTableColumns(stored, 'cfg/hub', 'EmailEvents', []);
    assert.deepEqual(stored, { version: 1, hubs: [] }, 'a hub with nothing chosen is forgotten');
  });

  it('is bounded: hubs (the least recently used go), columns per table, name length', () => {
    let stored = EMPTY_COLUMNS;
    for (let i = 0; i < MAX_COLUMN_HUBS + 5; i++) stored = withTableColumns(stored, `cfg/hub${i}`, 'T', ['A']);
    assert.equal(stored.hubs.length, MAX_COLUMN_HUBS);
    assert.equal(stored.hubs[0]?.hub, 'cfg/hub5');
    stored = withTableColumns(stored, 'cfg/hub5', 'T', ['B']);
    assert.equal(stored.hubs.at(-1)?.hub, 'cfg/hub5', 'a hub used again becomes the most recent');
    const many = Array.from({ length: 100 }, (_, i) => `C${i}`);
    const one = withTableColumns(EMPTY_COLUMNS, 'h', 'T', [...many, 'x'.repeat(129), 'bad\nname']);
    assert.equal(columnsOfHub(one, 'h').T?.length, MAX_COLUMNS_PER_TABLE);
  });

  it('reads stale or edited state defensively: what is not as written is dropped, the rest kept', () => {
    for (const junk of [undefined, null, 'x', 42, [], { version: 2, hubs: [] }, { version: 1, hubs: 'x' }])
      assert.deepEqual(parseStoredColumns(junk), EMPTY_COLUMNS);
    const read = parseStoredColumns({
      version: 1,
      hubs: [
        { hub: 'a/h', tables: { T: ['A', 5, 'B'], U: 'not a list', V: [], ['__proto__']: ['X'] } },
        { hub: 'a/h', tables: { T: ['Dup'] } },
        { hub: 7, tables: { T: ['A'] } },
        { hub: 'b/h', tables: null },
        'junk',
      ],
    });
    assert.deepEqual(read, { version: 1, hubs: [{ hub: 'a/h', tables: { T: ['A', 'B'] } }] });
    const tooMany = { version: 1, hubs: Array.from({ length: 80 }, (_, i) => ({ hub: `c/${i}`, tables: { T: ['A'] } })) };
    assert.equal(parseStoredColumns(tooMany).hubs.length, MAX_COLUMN_HUBS);
  });

  it("offers the chosen columns first (in order), then the summary, the catalog's columns and the columns seen", () => {
    const offered = columnOptions(['RemotePort', 'DeviceName'], ['DeviceName', 'ActionType', 'RemotePort'], ['Zed', 'ActionType', 'Alpha']);
    assert.deepEqual(
      offered.map((o) => [o.name, o.source, o.picked]),
      [
        ['RemotePort', 'catalog', true],
        ['DeviceName', 'catalog', true],
        ['$summary', 'summary', false],
        ['ActionType', 'catalog', false],
        ['Alpha', 'seen', false],
        ['Zed', 'seen', false],
      ],
    );
    assert.deepEqual(
      columnOptions(undefined, ['A'], []).map((o) => [o.name, o.picked]),
      [
        ['$summary', true],
        ['A', false],
      ],
      'nothing chosen: the summary is',
    );
  });

  it('reads the order typed for the picked columns (labels, any case; each once; one left out is dropped)', () => {
    const picked = ['DeviceName', '$summary', 'RemotePort'];
    assert.deepEqual(parseColumnOrder('remoteport, Summary ,DeviceName', picked), { order: ['RemotePort', '$summary', 'DeviceName'] });
    assert.deepEqual(parseColumnOrder('RemotePort', picked), { order: ['RemotePort'] });
    assert.match((parseColumnOrder('RemotePort, Nope', picked) as { problem: string }).problem, /"Nope" is not one of the chosen/);
    assert.match((parseColumnOrder('RemotePort, remoteport', picked) as { problem: string }).problem, /named twice/);
    assert.match((parseColumnOrder(' , ', picked) as { problem: string }).problem, /at least one/);
  });
});
