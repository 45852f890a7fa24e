import assert from 'node:assert/strict';
import {
  exportFileDefaults,
  formatCsv,
  formatEventHubsBody,
  formatExport,
  formatNdjson,
  MAX_CSV_COLUMNS,
} from '../../../src/liveTail/exportFormat';
import { describeFindings } from '../../../src/liveTail/findings';

const records = [
  { time: '2026-11-25T10:00:00Z', category: 'AdvancedHunting-EmailEvents', properties: { Subject: 'line1\nline2 <b>' } },
  { time: '2026-11-25T10:00:01Z', category: 'AdvancedHunting-AlertInfo', properties: { Title: 'x' } },
];

describe('export formats', () => {
  it('writes NDJSON: one compact record per line, newline-terminated, each line parses back', () => {
    const text = formatNdjson(records);
    assert.ok(text.endsWith('\n'));
    const lines = text.slice(0, -1).split('\n');
    assert.equal(lines.length, 2);
    assert.deepEqual(
      lines.map((l) => JSON.parse(l)),
      records,
    );
    assert.equal(formatNdjson([]), '');
    assert.equal(formatExport('ndjson', records), text);
  });

  it('writes one Event Hubs message body {"records": [...]}', () => {
    const text = formatEventHubsBody(records);
    assert.deepEqual(JSON.parse(text), { records });
    assert.deepEqual(JSON.parse(formatEventHubsBody([])), { records: [] });
    assert.equal(formatExport('eventHubsBody', records), text);
  });

  it('writes records kept as text exactly as received: values unchanged, one line each, nothing that reorders a line', () => {
    const received =
      '{"category":"AdvancedHunting-EmailEvents",\r\n "properties":{"Inf":1e999,"Big":12345678901234567890123,"NegZero":-0,"One":1.0,"Name":"caf\\u00e9","Bidi":"\u202e"}}';
    const sameLine = received.replace('\r\n', ' ').replace('\u202e', '\\u202e');
    assert.equal(formatNdjson([received, received]), `${sameLine}\n${sameLine}\n`);
    assert.equal(formatEventHubsBody([received, records[1]]), `{"records":[${sameLine},${JSON.stringify(records[1])}]}\n`);
    assert.deepEqual(JSON.parse(formatExport('eventHubsBody', [received])).records[0].properties.Bidi, '\u202e');
  });

  it('writes CSV: a header of the envelope and every column in first-seen order, RFC 4180 quoting, CRLF', () => {
    const received =
      '{"time":"2026-11-25T10:00:02Z","category":"AdvancedHunting-DeviceEvents","properties":{"Title":"t, \\"q\\"","N":5,"AdditionalFields":{"a":[1]},"Cmd":"=HYPERLINK(1)","Neg":-1,"Null":null}}';
    const text = formatCsv([...records, received]);
    assert.equal(
      text,
      [
        'time,category,tenantId,Subject,Title,N,AdditionalFields,Cmd,Neg,Null',
        '2026-11-25T10:00:00Z,AdvancedHunting-EmailEvents,,"line1\nline2 <b>",,,,,,',
        '2026-11-25T10:00:01Z,AdvancedHunting-AlertInfo,,,x,,,,,',
        `2026-11-25T10:00:02Z,AdvancedHunting-DeviceEvents,,,"t, ""q""",5,"{""a"":[1]}",'=HYPERLINK(1),-1,`,
        '',
      ].join('\r\n'),
    );
    assert.equal(formatExport('csv', records), formatCsv(records));
    assert.equal(formatCsv([]), 'time,category,tenantId\r\n');
    const wide = { properties: Object.fromEntries(Array.from({ length: MAX_CSV_COLUMNS + 10 }, (_, i) => [`C${i}`, i])) };
    assert.equal(formatCsv([wide]).split('\r\n')[0]?.split(',').length, MAX_CSV_COLUMNS + 3);
    assert.match(exportFileDefaults('csv', 'h', new Date(0)).fileName, /^h-1970-01-01T00-00-00\.csv$/);
  });

  it('suggests a file name from the hub name with nothing path-like in it', () => {
    const d = exportFileDefaults('ndjson', '../../etc/hub name', new Date(Date.UTC(2026, 10, 25, 10, 1, 2)));
    assert.equal(d.fileName, '.._.._etc_hub_name-2026-11-25T10-01-02.defender.ndjson');
    assert.ok(!d.fileName.includes('/'));
    assert.match(exportFileDefaults('eventHubsBody', 'h', new Date(0)).fileName, /^h-1970-01-01T00-00-00\.defender\.json$/);
  });

  it('describes validation findings for the page', () => {
    assert.equal(describeFindings([]), 'Validation: no findings.');
    assert.equal(
      describeFindings([{ severity: 'error' }, { severity: 'warning' }, { severity: 'warning' }, { severity: 'info' }]),
      'Validation: 1 error, 2 warnings, 1 info (see Problems).',
    );
  });
});
