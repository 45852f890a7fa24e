import assert from 'node:assert/strict';
import { recordNdjsonLine } from '../../../src/tail/ndjson';
import { TailPipeline } from '../../../src/tail/pipeline';
import { recordSummary, recordTime, safeJsonText, terminalSafe } from '../../../src/tail/summary';
import { record } from './support';

describe('tail summaries and terminal safety', () => {
  it('summarises each kind of table by its telling fields', () => {
    assert.equal(
      recordSummary('DeviceProcessEvents', record('DeviceProcessEvents', { FileName: 'cmd.exe', ProcessCommandLine: 'cmd /c whoami' })),
      'wks-01 · ProcessCreated · cmd.exe · cmd /c whoami',
    );
    assert.equal(
      recordSummary('EmailEvents', { properties: { Subject: 'Invoice', SenderFromAddress: 'a@fabrikam.com' } }),
      'Invoice · a@fabrikam.com',
    );
    assert.equal(
      recordSummary('IdentityLogonEvents', { properties: { AccountUpn: 'alex@contoso.com', ActionType: 'LogonFailed' } }),
      'alex@contoso.com · LogonFailed',
    );
    assert.equal(recordSummary('AlertInfo', { properties: { Title: 'Mimikatz', Severity: 'High' } }), 'High · Mimikatz');
    assert.equal(recordSummary('SomethingNew', { properties: { Foo: 'bar', Count: 3, Nested: { a: 1 } } }), 'bar · 3');
    assert.equal(recordSummary('DeviceEvents', { properties: 'not an object', DeviceName: 'flat' }), 'flat');
  });

  it('keeps summaries on one line and short', () => {
    const s = recordSummary('DeviceProcessEvents', record('DeviceProcessEvents', { ProcessCommandLine: `a\nb\r\n${'x'.repeat(1000)}` }));
    assert.ok(!s.includes('\n'));
    assert.ok(s.length <= 241);
  });

  it('takes the time from Timestamp, else the envelope', () => {
    assert.equal(recordTime({ time: 't1', properties: { Timestamp: 't2' } }), 't2');
    assert.equal(recordTime({ time: 't1', properties: {} }), 't1');
    assert.equal(recordTime({ properties: { Timestamp: 5 } }), '');
  });

  it('escapes escape sequences, C1 controls and bidi overrides for a terminal', () => {
    const hostile = 'red\u001b[31m\u009b2J\u202eevil\u2066x\u0007';
    const safe = terminalSafe(hostile);
    assert.doesNotMatch(safe, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    assert.equal(safe, 'red\\u001b[31m\\u009b2J\\u202eevil\\u2066x\\u0007');
  });

  it('writes NDJSON lines that are terminal-safe and still the same JSON', () => {
    const value = { s: 'a\u001b]0;title\u0007b\u009b\u202e\u2028c' };
    const line = safeJsonText(JSON.stringify(value));
    assert.doesNotMatch(line, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2028\u2029]/);
    assert.deepEqual(JSON.parse(line), value);
    const entry = {
      table: 'DeviceEvents',
      known: true,
      record: record('DeviceEvents', { X: '\u202e' }),
      bytes: 1,
      id: 1,
      partitionId: '0',
      sequenceNumber: 4,
      enqueuedTime: 0,
    };
    const parsed = JSON.parse(recordNdjsonLine(entry));
    assert.equal(parsed.sequenceNumber, 4);
    assert.equal(parsed.enqueuedTime, '1970-01-01T00:00:00.000Z');
    assert.equal(parsed.record.properties.X, '\u202e');
  });

  it('writes a record kept as text (even pretty-printed, with hostile characters) as one safe line of the same JSON', () => {
    const json = JSON.stringify(record('DeviceEvents', { X: '\u202e\u2028\u009b', Y: 'a\nb' }), null, 2);
    const pipeline = new TailPipeline();
    pipeline.ingest('0', [{ sequenceNumber: 4, enqueuedTimeUtc: new Date(0), body: Buffer.from(`{"records":[${json}]}`) }]);
    const [entry] = pipeline.snapshot();
    assert.ok(entry.type === 'record' && entry.json === json, 'kept as text');
    const line = recordNdjsonLine(entry);
    assert.doesNotMatch(line, /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2028\u2029]/);
    assert.deepEqual(JSON.parse(line), {
      table: 'DeviceEvents',
      partitionId: '0',
      sequenceNumber: 4,
      enqueuedTime: '1970-01-01T00:00:00.000Z',
      record: JSON.parse(json),
    });
  });
});
