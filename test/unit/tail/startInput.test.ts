// What a user types for a start or a window's end: ISO times, "partition:sequence" pairs, a time or a number of matches.
import assert from 'node:assert/strict';
import { checkIsoTime, parseIsoTime, parseOffsets, parseSequenceNumbers, parseWindowEnd } from '../../../src/tail/startInput';

describe('start input: times, sequence numbers and window ends', () => {
  it('reads ISO times (date first), and nothing else', () => {
    assert.equal(parseIsoTime(' 2025-01-31T09:00:00Z '), Date.UTC(2025, 0, 31, 9));
    assert.equal(parseIsoTime('2025-01-31T09:00:00.250+01:00'), Date.UTC(2025, 0, 31, 8, 0, 0, 250));
    for (const text of ['', 'now', '1738314000000', 'Jan 31 2025', '2025-13-45T99:00Z']) assert.equal(parseIsoTime(text), undefined, text);
    assert.equal(checkIsoTime('2025-01-31'), undefined);
    assert.equal(checkIsoTime('yesterday'), 'An ISO time, e.g. 2025-01-31T09:00:00Z.');
  });

  it('reads partition:sequence pairs separated by commas or spaces', () => {
    assert.deepEqual(parseSequenceNumbers('0:1200, 1:980'), { ok: true, value: { '0': 1200, '1': 980 } });
    assert.deepEqual(parseSequenceNumbers(' 3 : 0 ;7:15  12:9007199254740991 '), {
      ok: true,
      value: { '3': 0, '7': 15, '12': 9007199254740991 },
    });
    assert.deepEqual(parseSequenceNumbers('0:5,'), { ok: true, value: { '0': 5 } });
  });

  it('says why text is not sequence numbers', () => {
    const reason = (text: string) => {
      const parsed = parseSequenceNumbers(text);
      return parsed.ok ? undefined : parsed.reason;
    };
    assert.equal(reason(''), 'At least one partition:sequence pair, e.g. 0:1200, 1:980.');
    assert.equal(reason(' , '), 'At least one partition:sequence pair, e.g. 0:1200, 1:980.');
    assert.equal(reason('1200'), '"1200" is not partition:sequence (e.g. 0:1200).');
    assert.equal(reason('0:-1'), '"0:-1" is not partition:sequence (e.g. 0:1200).');
    assert.equal(reason('0:1.5'), '"0:1.5" is not partition:sequence (e.g. 0:1200).');
    assert.equal(reason('0@offset:12345'), '"0@offset:12345" is not partition:sequence (e.g. 0:1200).');
    assert.equal(reason('0:1, 0:2'), 'Partition 0 is named twice.');
    assert.equal(reason('0:99999999999999999'), '"0:99999999999999999" is not partition:sequence (e.g. 0:1200).');
    assert.equal(reason('0:9999999999999999'), '9999999999999999 is too large for a sequence number.');
    // Partition ids are numbers, as Event Hubs names them (nothing like __proto__ becomes a key).
    assert.equal(reason('__proto__:1'), '"__proto__:1" is not partition:sequence (e.g. 0:1200).');
    assert.equal(reason('p0:1'), '"p0:1" is not partition:sequence (e.g. 0:1200).');
  });

  it('reads partition:offset pairs, offsets kept as Event Hubs text, and says why not', () => {
    assert.deepEqual(parseOffsets('0:4096, 1:0'), { ok: true, value: { '0': '4096', '1': '0' } });
    assert.deepEqual(parseOffsets('2:18446744073709551615'), { ok: true, value: { '2': '18446744073709551615' } });
    const reason = (text: string) => {
      const parsed = parseOffsets(text);
      return parsed.ok ? undefined : parsed.reason;
    };
    assert.equal(reason(''), 'At least one partition:offset pair, e.g. 0:4096, 1:0.');
    assert.equal(reason('4096'), '"4096" is not partition:offset (e.g. 0:4096).');
    assert.equal(reason('0:-1'), '"0:-1" is not partition:offset (e.g. 0:4096).');
    assert.equal(reason("0:1' or 1=1"), '"0:1\'" is not partition:offset (e.g. 0:4096).');
    assert.equal(reason('0:123456789012345678901'), '"0:123456789012345678901" is not partition:offset (e.g. 0:4096).');
    assert.equal(reason('1:5 1:6'), 'Partition 1 is named twice.');
    assert.equal(reason('__proto__:1'), '"__proto__:1" is not partition:offset (e.g. 0:4096).');
  });

  it('reads a window end: a whole number of matches, or an ISO time not before the start', () => {
    const from = Date.UTC(2025, 0, 31, 9);
    assert.deepEqual(parseWindowEnd(' 100 ', from), { ok: true, value: { kind: 'matches', count: 100 } });
    assert.deepEqual(parseWindowEnd('2025-01-31T09:15:00Z', from), { ok: true, value: { kind: 'time', untilMs: from + 15 * 60_000 } });
    assert.deepEqual(parseWindowEnd('2025-01-31T09:00:00Z', from), { ok: true, value: { kind: 'time', untilMs: from } });
    assert.deepEqual(parseWindowEnd('2025-01-31T08:59:59Z', from), { ok: false, reason: 'Until must not be before the start.' });
    assert.deepEqual(parseWindowEnd('0', from), { ok: false, reason: 'A number of matches from 1 to 1,000,000.' });
    assert.deepEqual(parseWindowEnd('1000001', from), { ok: false, reason: 'A number of matches from 1 to 1,000,000.' });
    assert.deepEqual(parseWindowEnd('soon', from), {
      ok: false,
      reason: 'An ISO time (e.g. 2025-01-31T09:15:00Z) or a number of matches (e.g. 100).',
    });
  });
});
