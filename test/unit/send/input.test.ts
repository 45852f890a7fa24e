// What Send Events to Hub reads and how it groups records into bodies, as Defender does (plain Node).
import assert from 'node:assert/strict';
import { DEFAULT_RECORDS_PER_BODY, groupIntoBodies, TooLargeError } from '../../../src/send/group';
import { parseSendInput, SendInputError } from '../../../src/send/input';
import { eventsPerBatch } from '../../../src/send/sender';
import { trafficBodies } from '../../../src/send/traffic';

const rec = (table: string, id: number) => ({ time: 't', category: `AdvancedHunting-${table}`, properties: { ReportId: id } });
const bodyOf = (text: string) => JSON.parse(text) as { records: Array<{ category: string; properties: { ReportId: number } }> };

describe('send: input forms and grouping into message bodies', () => {
  it('keeps a message body whole, as written', () => {
    const text = ' {"records":[{"category":"AdvancedHunting-AlertInfo","properties":{"N":1e999}}]}\n';
    const items = parseSendInput(text, 'body.json');
    assert.deepEqual(items, [{ kind: 'body', text: text.trim(), records: 1, where: 'body.json' }]);
    assert.deepEqual(groupIntoBodies(items), [text.trim()]);
  });

  it('groups a record array into bodies of consecutive records of one table', () => {
    const text = JSON.stringify([rec('DeviceEvents', 1), rec('DeviceEvents', 2), rec('EmailEvents', 3), rec('DeviceEvents', 4)]);
    const bodies = groupIntoBodies(parseSendInput(text, 'a.json')).map(bodyOf);
    assert.deepEqual(
      bodies.map((b) => b.records.map((r) => r.properties.ReportId)),
      [[1, 2], [3], [4]],
    );
  });

  it('reads NDJSON of records (lines kept as written), bodies and Tail to Editor lines, in order', () => {
    const lines = [
      JSON.stringify(rec('DeviceEvents', 1)),
      '',
      JSON.stringify(rec('DeviceEvents', 2)),
      JSON.stringify({ records: [rec('AlertInfo', 3)] }),
      JSON.stringify({ table: 'DeviceEvents', partitionId: '0', sequenceNumber: 5, record: rec('DeviceEvents', 4) }),
    ];
    const items = parseSendInput(lines.join('\r\n'), 'x.ndjson');
    assert.deepEqual(
      items.map((i) => [i.kind, i.where]),
      [
        ['record', 'x.ndjson:1'],
        ['record', 'x.ndjson:3'],
        ['body', 'x.ndjson:4'],
        ['record', 'x.ndjson:5'],
      ],
    );
    assert.equal(items[0].text, lines[0]);
    const bodies = groupIntoBodies(items).map(bodyOf);
    assert.deepEqual(
      bodies.map((b) => b.records.map((r) => r.properties.ReportId)),
      [[1, 2], [3], [4]],
    );
  });

  it('a Live Tail export as NDJSON, a body or a single record', () => {
    assert.equal(parseSendInput(JSON.stringify(rec('AlertInfo', 1)), 'r.json')[0].kind, 'record');
  });

  it('caps records per body and bytes per body', () => {
    const many = Array.from({ length: DEFAULT_RECORDS_PER_BODY * 2 + 1 }, (_, i) => rec('DeviceEvents', i));
    assert.deepEqual(
      groupIntoBodies(parseSendInput(JSON.stringify(many), 'm')).map((b) => bodyOf(b).records.length),
      [DEFAULT_RECORDS_PER_BODY, DEFAULT_RECORDS_PER_BODY, 1],
    );
    const big = Array.from({ length: 5 }, (_, i) => ({ ...rec('DeviceEvents', i), pad: 'x'.repeat(300_000) }));
    const bodies = groupIntoBodies(parseSendInput(JSON.stringify(big), 'b'));
    assert.deepEqual(
      bodies.map((b) => bodyOf(b).records.length),
      [3, 2],
    );
    for (const b of bodies) assert.ok(Buffer.byteLength(b) <= 1024 * 1024 - 2048);
  });

  it('a record or body that no event can hold is refused before anything is sent, saying where', () => {
    const huge = JSON.stringify([rec('AlertInfo', 1), { ...rec('AlertInfo', 2), pad: 'x'.repeat(1_100_000) }]);
    assert.throws(
      () => groupIntoBodies(parseSendInput(huge, 'huge.json')),
      (e: unknown) =>
        e instanceof TooLargeError && /^The record at huge\.json, element 2 is 1,100,\d{3} bytes .*1 MB per event/.test(e.message),
    );
    const body = JSON.stringify({ records: [{ pad: 'x'.repeat(2000) }] });
    assert.throws(
      () => groupIntoBodies(parseSendInput(body, 'b.json'), { maxBodyBytes: 1000 }),
      /The message body at b\.json is 2,\d{3} bytes/,
    );
  });

  it('says which line is not JSON, and refuses empty input and non-records', () => {
    assert.throws(
      () => parseSendInput('{"category":"x"}\n{oops\n', 'f.ndjson'),
      (e: unknown) => e instanceof SendInputError && /^f\.ndjson:2: not JSON/.test(e.message),
    );
    assert.throws(() => parseSendInput('  \n', 'stdin'), /stdin: empty/);
    assert.throws(() => parseSendInput('[1]', 'n.json'), /element 1 of the array is not a record/);
    assert.throws(() => parseSendInput('42', 'n.json'), /not a record, a record array or a message body/);
  });

  it('demo traffic bodies for chosen tables; batches hold a tenth of a second at a rate', () => {
    const bodies = trafficBodies(20, ['EmailEvents', 'AlertInfo'], 7);
    assert.equal(bodies.length, 20);
    for (const b of bodies) {
      const records = bodyOf(b).records;
      assert.ok(records.length >= 1);
      assert.ok(records.every((r) => r.category === records[0].category));
      assert.match(records[0].category, /^AdvancedHunting-(EmailEvents|AlertInfo)$/);
    }
    assert.equal(eventsPerBatch(50), 5);
    assert.equal(eventsPerBatch(3), 1);
    assert.equal(eventsPerBatch(undefined), Number.POSITIVE_INFINITY);
  });
});
