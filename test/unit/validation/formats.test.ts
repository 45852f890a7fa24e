import assert from 'node:assert/strict';
import { summarize, validateText } from '../../../src/vscode/validation/validateText';
import { Prng } from '../../../src/traffic/index';
import { isGuid, isIso8601, isRealString, isUtcIso8601 } from '../../../src/validation/formats';
import { validate } from '../../../src/validation/validate';
import { record } from './helpers';

describe('validation: formats', () => {
  it('ISO 8601: accepts extended dates and date-times, rejects the rest', () => {
    for (const ok of [
      '2024-05-01',
      '2024-05-01T10:20',
      '2024-05-01T10:20:30',
      '2024-05-01T10:20:30.1234567Z',
      '2024-05-01T10:20:30,5+02:00',
      '2024-05-01T10:20:30-0530',
      '2024-02-29T00:00:00Z',
      '2016-12-31T23:59:60Z',
    ]) {
      assert.equal(isIso8601(ok), true, ok);
    }
    for (const bad of [
      '',
      '2024-5-1',
      '2024-05-01 10:20:30',
      '2023-02-29',
      '2024-04-31',
      '2024-05-01T24:00:00Z',
      '2024-05-01T10:61:00Z',
      '2024-05-01T10:20:30+25:00',
      'May 1 2024',
      '1714558830',
      '2024-05-01T10:20:30ZZ',
      '2024-05-01T10:20:30.Z',
      '2024-05-01T25:20:30Z',
      '2024-02-30T10:20:30.1234567Z',
      '2024-05-01T10:20:30.12a4567Z',
    ]) {
      assert.equal(isIso8601(bad), false, bad);
    }
  });

  it('UTC: Z or a zero offset', () => {
    assert.equal(isUtcIso8601('2024-05-01T10:20:30Z'), true);
    assert.equal(isUtcIso8601('2024-05-01T10:20:30+00:00'), true);
    assert.equal(isUtcIso8601('2024-05-01T10:20:30+02:00'), false);
    assert.equal(isUtcIso8601('2024-05-01T10:20:30'), false);
    assert.equal(isUtcIso8601('2024-05-01'), false);
  });

  it('numbers as strings: the hand-written scanners accept exactly what the patterns they replace did', () => {
    const real = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/;
    const rng = new Prng('number-scanners');
    const alphabet = ['0', '1', '9', '.', '+', '-', 'e', 'E', ' ', 'x', '٣'];
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      for (let n = rng.int(0, 8); n > 0; n--) text += rng.pick(alphabet);
      assert.equal(isRealString(text), real.test(text), JSON.stringify(text));
    }
  });

  it('a numeric string over 400 characters is reported without being read; a date-time over 64 is not ISO 8601', () => {
    const long = validate(JSON.stringify(record('DeviceEvents', { FileSize: '1'.repeat(401) })));
    assert.deepEqual(
      long.map((f) => `${f.code} ${f.message}`),
      [
        'DSE007 A bare record: an Event Hubs message carries records as {"records": [...]}.',
        'DSE022 "FileSize" is a long column; a string of 401 characters is too long to be a number.',
      ],
    );
    assert.equal(isIso8601(`2024-05-01T10:20:30.${'1'.repeat(43)}Z`), true);
    assert.equal(isIso8601(`2024-05-01T10:20:30.${'1'.repeat(44)}Z`), false);
  });

  it('GUID', () => {
    assert.equal(isGuid('8D6F3B52-1c3e-4a5b-9f0e-2b7c4d1e6a90'), true);
    assert.equal(isGuid('{8d6f3b52-1c3e-4a5b-9f0e-2b7c4d1e6a90}'), false);
    assert.equal(isGuid('8d6f3b521c3e4a5b9f0e2b7c4d1e6a90'), false);
  });
});

describe('validation: validateText (for the tail panel)', () => {
  it('summarizes findings by severity', () => {
    const result = validateText(JSON.stringify(record('DeviceProcessEvents', { ProcessId: 'x', FileSize: '1' })));
    assert.equal(result.errors, 1);
    assert.equal(result.warnings, 1);
    assert.equal(result.infos, 1);
    assert.equal(result.summary, '1 error, 1 warning, 1 info');
    assert.equal(summarize([]).summary, 'No findings');
  });
});
