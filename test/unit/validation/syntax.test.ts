import assert from 'node:assert/strict';
import { validate } from '../../../src/validation/validate';
import { record } from './helpers';

describe('validation: JSON syntax and NDJSON', () => {
  it('reports invalid JSON at the parser position', () => {
    const text = '{\n  "records": [\n    {"time": "x",}\n  ]\n}';
    const all = validate(text);
    assert.equal(all.length, 1);
    assert.equal(all[0].code, 'DSE001');
    assert.equal(all[0].severity, 'error');
    assert.deepEqual(all[0].range, { start: { line: 2, character: 17 }, end: { line: 2, character: 18 } });
    assert.match(all[0].message, /trailing comma/);
  });

  it('explains comments, NaN, control characters and unterminated input', () => {
    assert.match(validate('{"records": []} // x')[0].message, /comments/);
    assert.match(validate('{"a": NaN}')[0].message, /NaN/);
    assert.match(validate('{"a": "x\ty"}')[0].message, /control character/);
    const truncated = validate('{"records": [{"time": "2024');
    assert.equal(truncated[0].code, 'DSE001');
    assert.equal(truncated[0].range.start.line, 0);
  });

  it('an unterminated string ends its range before the line break (CRLF too)', () => {
    for (const eol of ['\n', '\r\n']) {
      const text = `{"records": [{"time": "2024-05-01${eol}]}`;
      const [f] = validate(text);
      assert.equal(f.code, 'DSE001');
      assert.match(f.message, /unterminated string/);
      assert.deepEqual(f.range, { start: { line: 0, character: 22 }, end: { line: 0, character: 33 } }, JSON.stringify(eol));
    }
  });

  it('positions count \\r\\n as one line break', () => {
    const text = '{\r\n  "records": [\r\n    1\r\n  ]\r\n}';
    assert.deepEqual(validate(text)[0].range, { start: { line: 2, character: 4 }, end: { line: 2, character: 5 } });
  });

  it('detects NDJSON and validates each line on its own, errors at their line', () => {
    const good = JSON.stringify(record('DeviceEvents'));
    const text = [
      good,
      '',
      '{"records": [' + good + ']}',
      '{"time": oops}',
      good,
      JSON.stringify(record('DeviceEvents', { ProcessId: 'x' })),
    ].join('\n');
    const all = validate(text);
    assert.deepEqual(
      all.map((f) => [f.code, f.range.start.line, f.range.start.character]),
      [
        ['DSE001', 3, 9],
        ['DSE022', 5, text.split('\n')[5].indexOf('"x"')],
      ],
    );
  });

  it('a broken first line does not hide the NDJSON form', () => {
    const good = JSON.stringify(record('DeviceEvents'));
    const text = `{"time": \n${good}\n${good}\n`;
    const all = validate(text);
    assert.deepEqual(
      all.map((f) => [f.code, f.range.start.line]),
      [['DSE001', 0]],
    );
  });

  it('treats .ndjson and .jsonl files as NDJSON even with one line', () => {
    const one = JSON.stringify(record('DeviceEvents'));
    assert.deepEqual(validate(one, { fileName: 'x.defender.ndjson' }), []);
    assert.deepEqual(validate(one, { fileName: '/a/b.jsonl' }), []);
    assert.equal(validate(one, { fileName: 'x.defender.json' })[0].code, 'DSE007');
  });

  it('a pretty-printed document with an error is not mistaken for NDJSON', () => {
    const text = JSON.stringify({ records: [record('DeviceEvents'), record('DeviceEvents')] }, null, 2).replace(
      '"Publish"\n',
      '"Publish",\n',
    );
    const all = validate(text);
    assert.equal(all.length, 1);
    assert.equal(all[0].code, 'DSE001');
  });

  it('NDJSON with CRLF line ends keeps line numbers', () => {
    const text = `${JSON.stringify(record('DeviceEvents'))}\r\n${JSON.stringify(record('DeviceEvents', { Zzz: 1 }))}\r\n`;
    const all = validate(text);
    assert.deepEqual(
      all.map((f) => [f.code, f.range.start.line]),
      [['DSE020', 1]],
    );
  });
});
