// Issue 14, finding 10: everything that leaves the extension keeps a record's text as received, also
// for bodies the tail has to parse (not the scanner's strict form): a bare record, an array of
// records, escaped keys, a text body.
import assert from 'node:assert/strict';
import { recordNdjsonLine, recordText } from '../../../src/tail/ndjson';
import { TailPipeline, type PipelineEvent } from '../../../src/tail/pipeline';
import { receivedRecordTexts } from '../../../src/tail/receivedRecordTexts';
import { tried } from '../../support/reliabilityLog';

const AREA = 'Trust boundary';

const at = new Date('2025-01-31T08:00:00Z');
const ev = (sequenceNumber: number, body: unknown): PipelineEvent => ({ sequenceNumber, body, enqueuedTimeUtc: at });

const RECORD =
  '{"time":"2025-01-31T08:00:00Z","category":"AdvancedHunting-DeviceEvents","properties":{"FileSize":1e999,"ReportId":12345678901234567890123,"Zero":-0,"One":1.0,"Name":"caf\\u00e9"}}';
const OTHER = '{"category":"AdvancedHunting-AlertInfo","properties":{"AlertId":"da1","Big":9007199254740993}}';

describe('tail: records the tail had to parse still leave as received', () => {
  const bodies: Array<[string, string, string[]]> = [
    ['a bare record', RECORD, [RECORD]],
    ['a bare record with a byte order mark and white space around it', `\ufeff \t${RECORD} \r\n`, [RECORD]],
    ['an array of records', `[${RECORD}, ${OTHER}]`, [RECORD, OTHER]],
    ['an escaped "records" key', `{"rec\\u006frds":[${RECORD},${OTHER}]}`, [RECORD, OTHER]],
    ['a repeated "records" key (the last wins, as in JSON.parse)', `{"records":[${OTHER}],"records":[${RECORD}]}`, [RECORD]],
    ['pretty-printed with CRLF', `{\r\n  "records": [\r\n    ${RECORD},\r\n    ${OTHER}\r\n  ]\r\n}`, [RECORD, OTHER]],
  ];
  for (const [name, body, expected] of bodies) {
    it(`${name}: as bytes and as text`, () => {
      for (const form of [Buffer.from(body, 'utf8'), body]) {
        const p = new TailPipeline();
        p.ingest('0', [ev(1, form)]);
        const kept = p.snapshot().flatMap((e) => (e.type === 'record' ? [e] : []));
        assert.deepEqual(kept.map(recordText), expected);
        for (const k of kept) assert.ok(recordNdjsonLine(k).includes(recordText(k)));
      }
    });
  }

  it('keeps 1e999 and integers above 2^53 where a parse would change them', () => {
    const p = new TailPipeline();
    p.ingest('0', [ev(1, `[${RECORD}]`)]);
    const [kept] = p.snapshot().flatMap((e) => (e.type === 'record' ? [e] : []));
    assert.match(recordText(kept), /"FileSize":1e999,"ReportId":12345678901234567890123,"Zero":-0,"One":1.0,"Name":"caf\\u00e9"/);
    assert.notEqual(JSON.stringify(kept.record), recordText(kept), 'a parse would have changed the values');
    tried({
      area: AREA,
      fault: 'A record the tail had to parse (bare record, array, escaped or repeated "records" key) holding 1e999 and a 23-digit integer',
      times: 1,
      outcome: 'exported and shown as received, not as re-serialized',
    });
  });

  it('gives up (the parsed record is written) when records cannot be matched one to one, and never recurses deep', () => {
    assert.equal(receivedRecordTexts(`[${RECORD}, 5]`, 2), undefined);
    assert.equal(receivedRecordTexts(`{"records":[${RECORD}, ${'['.repeat(100_000)}${']'.repeat(100_000)}]}`, 1), undefined);
    assert.deepEqual(receivedRecordTexts(`[${RECORD}, 5]`, 1), [RECORD]);
  });
});
