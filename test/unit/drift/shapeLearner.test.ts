// The drift engine's learner: counts, JSON types, samples, times, bounds, and hostile keys.
import assert from 'node:assert/strict';
import { ShapeLearner } from '../../../src/drift/shapeLearner';

function rec(table: string, properties: unknown, time = '2026-11-25T10:00:00Z'): Record<string, unknown> {
  return { time, tenantId: 't', category: `AdvancedHunting-${table}`, properties };
}

describe('drift: ShapeLearner', () => {
  it('counts records, columns, JSON types per column, and keeps one sample per column', () => {
    const learner = new ShapeLearner();
    learner.learn(rec('DeviceProcessEvents', { A: 'x', B: 1, C: null, D: { k: 1 }, E: [1], F: true }));
    learner.learn(rec('DeviceProcessEvents', { A: '', B: 2.5, C: 'later', D: '{"k":1}' }));
    learner.count('DeviceProcessEvents');
    const [t] = learner.tables();
    assert.equal(t.table, 'DeviceProcessEvents');
    assert.deepEqual([t.records, t.received], [2, 3]);
    const col = (name: string) => t.columns.get(name);
    assert.deepEqual(col('A')?.kinds, { string: 2, number: 0, bool: 0, object: 0, array: 0, null: 0 });
    assert.equal(col('A')?.emptyStrings, 1);
    assert.equal(col('A')?.sample, '"x"');
    assert.deepEqual([col('B')?.count, col('B')?.fractions, col('B')?.notZeroOne], [2, 1, 1]);
    assert.equal(col('C')?.kinds.null, 1);
    assert.equal(col('C')?.sample, '"later"', 'the sample is the first value that is not null');
    assert.deepEqual([col('D')?.kinds.object, col('D')?.kinds.string, col('D')?.sample], [1, 1, '{"k":1}']);
    assert.deepEqual([col('E')?.kinds.array, col('F')?.kinds.bool], [1, 1]);
  });

  it('tells whole numbers beyond 32 bits and 0/1 apart', () => {
    const learner = new ShapeLearner();
    learner.learn(rec('DeviceEvents', { ReportId: 18984951960, Flag: 1 }));
    learner.learn(rec('DeviceEvents', { ReportId: 7, Flag: 0 }));
    const t = learner.table('DeviceEvents');
    assert.deepEqual([t?.columns.get('ReportId')?.beyond32Bits, t?.columns.get('ReportId')?.fractions], [1, 0]);
    assert.equal(t?.columns.get('Flag')?.notZeroOne, 0);
  });

  it('keeps the earliest and latest record time, whatever the order of arrival', () => {
    const learner = new ShapeLearner();
    learner.learn(rec('AlertInfo', {}, '2026-11-25T10:00:05Z'));
    learner.learn(rec('AlertInfo', {}, '2026-11-25T10:00:01Z'));
    learner.learn(rec('AlertInfo', {}, 'not a time'));
    learner.learn(rec('AlertInfo', {}, '2026-11-25T10:00:09.5Z'));
    const t = learner.table('AlertInfo');
    assert.deepEqual([t?.firstSeen, t?.lastSeen], ['2026-11-25T10:00:01Z', '2026-11-25T10:00:09.5Z']);
  });

  it('reads only own keys into Maps: __proto__, constructor and toString are columns like any other', () => {
    const learner = new ShapeLearner();
    const props = JSON.parse('{"__proto__": {"polluted": true}, "constructor": 1, "toString": "x", "hasOwnProperty": null}');
    learner.learn(rec('DeviceEvents', props));
    const inherited = Object.create({ Inherited: 'not own' }) as Record<string, unknown>;
    inherited.Own = 1;
    learner.learn(rec('DeviceEvents', inherited));
    learner.learn(JSON.parse('{"category": "AdvancedHunting-__proto__", "properties": {"x": 1}}'));
    const t = learner.table('DeviceEvents');
    assert.deepEqual([...(t?.columns.keys() ?? [])].sort(), ['Own', '__proto__', 'constructor', 'hasOwnProperty', 'toString']);
    assert.equal(t?.columns.get('__proto__')?.kinds.object, 1);
    assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype was polluted');
    assert.equal(learner.table('__proto__')?.records, 1, 'a table named __proto__ is a table like any other');
  });

  it('is bounded: tables and columns past the caps, and over-long names, are counted, not stored', () => {
    const learner = new ShapeLearner({ maxTables: 2, maxColumns: 3, maxName: 10 });
    const wide: Record<string, number> = {};
    for (let i = 0; i < 10; i++) wide[`C${i}`] = i;
    learner.learn(rec('T1', wide));
    learner.learn(rec('T1', { C0: 1, VeryLongColumnName: 1 }));
    learner.learn(rec('T2', {}));
    learner.learn(rec('T3', { A: 1 }));
    learner.learn(rec('T3', { A: 1 }));
    learner.learn(rec('AVeryLongTableName', {}));
    learner.count('T4');
    assert.deepEqual(
      learner.tables().map((t) => t.table),
      ['T1', 'T2'],
    );
    const t1 = learner.table('T1');
    assert.equal(t1?.columns.size, 3);
    assert.equal(t1?.columnsOverCap, 8, '7 columns past the cap, then one name too long');
    assert.equal(learner.recordsOverCap, 4);
  });

  it('counts records without a category or without a properties object, and ignores what is not an object', () => {
    const learner = new ShapeLearner();
    learner.learn({ properties: { A: 1 } });
    learner.learn(rec('AlertInfo', 'not an object'));
    learner.learn(rec('AlertInfo', [1, 2]));
    learner.learn(null);
    learner.learn([1]);
    assert.equal(learner.noCategory, 1);
    assert.deepEqual([learner.table('AlertInfo')?.records, learner.table('AlertInfo')?.noProperties], [2, 2]);
  });

  it('keeps samples short and printable', () => {
    const learner = new ShapeLearner({ maxSample: 20 });
    learner.learn(rec('AlertInfo', { Long: 'x'.repeat(1000), Bidi: 'a\u202eb\u001b[31m', Big: { nested: 'y'.repeat(1000) } }));
    const t = learner.table('AlertInfo');
    assert.ok((t?.columns.get('Long')?.sample ?? '').length <= 21);
    assert.ok((t?.columns.get('Long')?.sample ?? '').endsWith('…'));
    assert.doesNotMatch(t?.columns.get('Bidi')?.sample ?? '', /[\u202e\u001b]/);
    assert.ok((t?.columns.get('Big')?.sample ?? '').length <= 21);
  });

  it('learns in linear time: 20,000 records of 60 columns in well under a second', () => {
    const learner = new ShapeLearner();
    const props: Record<string, unknown> = {};
    for (let i = 0; i < 60; i++) props[`Column${i}`] = i % 3 === 0 ? 'text' : i % 3 === 1 ? i : null;
    const record = rec('DeviceProcessEvents', props);
    const started = process.hrtime.bigint();
    for (let i = 0; i < 20_000; i++) learner.learn(record);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    assert.equal(learner.table('DeviceProcessEvents')?.records, 20_000);
    assert.ok(ms < 1500, `${ms} ms`);
  });

  it('clear() forgets everything and changes the version', () => {
    const learner = new ShapeLearner();
    learner.learn(rec('AlertInfo', { A: 1 }));
    const version = learner.version;
    learner.clear();
    assert.deepEqual(learner.tables(), []);
    assert.notEqual(learner.version, version);
  });
});
