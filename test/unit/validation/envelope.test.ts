import assert from 'node:assert/strict';
import { validate } from '../../../src/validation/validate';
import { assertInEveryForm, findings, inForm, noFindings, only, rangeOf, record, FORMS, TENANT } from './helpers';

describe('validation: forms and envelope', () => {
  it('accepts a message, a record, an array and NDJSON of valid records', () => {
    const rec = record('DeviceProcessEvents', { FileName: 'a.exe', ProcessId: 4, MachineGroup: 'Servers' });
    for (const form of FORMS) noFindings(inForm(form, rec));
  });

  it('a bare record or array is an info with a certain fix that wraps it into {"records": [...]}', () => {
    const bare = JSON.stringify(record('DeviceEvents'));
    const [info] = validate(`  ${bare}\n`);
    assert.equal(info.code, 'DSE007');
    assert.equal(info.severity, 'info');
    assert.deepEqual(info.range, { start: { line: 0, character: 2 }, end: { line: 0, character: 3 } });
    assert.ok(info.fix);
    assert.deepEqual(info.fix.range, rangeOf(`  ${bare}\n`, bare));
    assert.deepEqual(JSON.parse(info.fix.newText), { records: [JSON.parse(bare)] });

    const array = JSON.stringify([record('DeviceEvents')], null, 2);
    const [arrayInfo] = validate(array);
    assert.equal(arrayInfo.code, 'DSE007');
    assert.deepEqual(JSON.parse(arrayInfo.fix?.newText ?? ''), { records: JSON.parse(array) });
    // Applying the fix leaves nothing to report.
    assert.deepEqual(validate(arrayInfo.fix?.newText ?? ''), []);
  });

  it('NDJSON lines are not asked to be wrapped (the Storage form)', () => {
    assert.deepEqual(validate(inForm('ndjson', record('DeviceEvents'))), []);
  });

  it('"records" that is not an array is an error at its value', () => {
    const text = '{\n  "records": {"time": 1}\n}';
    const f = only(text, 'DSE004');
    assert.equal(f.severity, 'error');
    assert.deepEqual(f.range, rangeOf(text, '{"time": 1}'));
  });

  it('"Records" in the wrong case is an error at the key, with a fix', () => {
    const text = JSON.stringify({ Records: [record('DeviceEvents')] }, null, 2);
    const f = only(text, 'DSE004');
    assert.deepEqual(f.range, rangeOf(text, '"Records"'));
    assert.equal(f.fix?.newText, '"records"');
  });

  it('a record that is not an object is an error at the element', () => {
    const text = '{"records": [\n  42,\n  "x"\n]}';
    const all = findings(text);
    assert.deepEqual(
      all.map((f) => f.code),
      ['DSE005', 'DSE005'],
    );
    assert.deepEqual(all[0].range, rangeOf(text, '42'));
    assert.deepEqual(all[1].range, rangeOf(text, '"x"'));
    const array = '[1]';
    assert.deepEqual(
      findings(array).map((f) => [f.code, f.range.start.character]),
      [['DSE005', 1]],
    );
  });

  it('a top-level number, string or null is an error', () => {
    for (const text of ['42', '"records"', 'null']) {
      const f = only(text, 'DSE003');
      assert.deepEqual(f.range, rangeOf(text, text));
    }
  });

  it('an empty document is an info, not an error', () => {
    const [f] = validate('  \n\n');
    assert.equal(f.code, 'DSE002');
    assert.equal(f.severity, 'info');
  });

  it('a message over 1 MB is a warning at its first character', () => {
    const big = record('DeviceProcessEvents', { ProcessCommandLine: 'x'.repeat(1024 * 1024) });
    const text = `\n${JSON.stringify({ records: [big] })}`;
    const f = only(text, 'DSE006');
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.range, { start: { line: 1, character: 0 }, end: { line: 1, character: 1 } });
    // Counted in UTF-8 bytes: 400,000 three-byte characters are over the limit too.
    const wide = JSON.stringify({ records: [record('DeviceProcessEvents', { ProcessCommandLine: '€'.repeat(400_000) })] });
    assert.equal(only(wide, 'DSE006').severity, 'warning');
    const small = JSON.stringify({ records: [record('DeviceProcessEvents', { ProcessCommandLine: 'x'.repeat(1000_000) })] });
    noFindings(small);
  });

  it('an NDJSON line over 1 MB is a warning at that line', () => {
    const text = `${JSON.stringify(record('DeviceEvents'))}\n${JSON.stringify(record('DeviceProcessEvents', { ProcessCommandLine: 'x'.repeat(1024 * 1024) }))}\n`;
    const f = only(text, 'DSE006');
    assert.equal(f.range.start.line, 1);
  });

  it('extra fields on the message are fine', () => {
    noFindings(JSON.stringify({ records: [record('DeviceEvents')], note: 'fixture', count: 1 }));
  });

  it('a byte order mark is accepted and positions stay put', () => {
    const text = `\uFEFF{"records": [{"time": "x", "tenantId": "${TENANT}", "category": "AdvancedHunting-DeviceEvents", "properties": {}}]}`;
    const f = only(text, 'DSE011');
    assert.deepEqual(f.range, rangeOf(text, '"x"'));
  });

  it('caps findings when asked and says how many were left out', () => {
    const rec = record('DeviceProcessEvents', { A1: 1, A2: 2, A3: 3, A4: 4, A5: 5 });
    const all = validate(JSON.stringify({ records: [rec] }), { maxFindings: 3 });
    assert.deepEqual(
      all.map((f) => f.code),
      ['DSE020', 'DSE020', 'DSE020', 'DSE099'],
    );
    assert.match(all[3].message, /2 more findings/);
    const lines = Array.from({ length: 10 }, () => JSON.stringify(rec)).join('\n');
    const capped = validate(lines, { maxFindings: 7 });
    assert.equal(capped.at(-1)?.code, 'DSE099');
    assert.ok(capped.length <= 8);
  });
});

describe('validation: record envelope fields', () => {
  it('missing time, tenantId, category or properties is one error at the record start', () => {
    const rec = { Time: '2024-05-01T00:00:00Z', category: 'AdvancedHunting-DeviceEvents' };
    for (const form of FORMS) {
      const text = inForm(form, rec);
      const all = findings(text);
      assert.deepEqual(
        all.map((f) => f.code),
        ['DSE010'],
        form,
      );
      assert.match(all[0].message, /"time" \(found "Time"\), "tenantId" and "properties"/);
      assert.equal(all[0].range.end.character - all[0].range.start.character, 1, form);
      assert.equal(all[0].severity, 'error');
    }
    // Position: the "{" that opens the record.
    const text = inForm('message', rec);
    const start = rangeOf(text, '"Time"').start;
    assert.deepEqual(findings(text)[0].range.start, { line: start.line - 1, character: 4 });
  });

  it('time that does not parse as ISO 8601 is an error', () => {
    assertInEveryForm(record('DeviceEvents', {}, { time: '1 May 2024' }), 'DSE011', 'error', '"1 May 2024"');
    assertInEveryForm(record('DeviceEvents', {}, { time: 1714558830 }), 'DSE011', 'error', '1714558830');
    assertInEveryForm(record('DeviceEvents', {}, { time: '2024-13-01T00:00:00Z' }), 'DSE011', 'error', '"2024-13-01T00:00:00Z"');
  });

  it('time that is ISO 8601 but not UTC is a warning', () => {
    assertInEveryForm(
      record('DeviceEvents', {}, { time: '2024-05-01T12:20:30+02:00' }),
      'DSE012',
      'warning',
      '"2024-05-01T12:20:30+02:00"',
    );
    assertInEveryForm(record('DeviceEvents', {}, { time: '2024-05-01T10:20:30' }), 'DSE012', 'warning', '"2024-05-01T10:20:30"');
    noFindings(JSON.stringify({ records: [record('DeviceEvents', {}, { time: '2024-05-01T10:20:30+00:00' })] }));
  });

  it('tenantId that is not a GUID is an error', () => {
    assertInEveryForm(record('DeviceEvents', {}, { tenantId: 'contoso.onmicrosoft.com' }), 'DSE013', 'error', '"contoso.onmicrosoft.com"');
    assertInEveryForm(record('DeviceEvents', {}, { tenantId: 7 }), 'DSE013', 'error', '7', (_form, text) => text.split('7').length - 2);
  });

  it('properties that is not an object is an error', () => {
    assertInEveryForm(record('DeviceEvents', {}, { properties: '{"a":1}' }), 'DSE017', 'error', '"{\\"a\\":1}"');
    assertInEveryForm(record('DeviceEvents', {}, { properties: null }), 'DSE017', 'error', 'null');
  });
});
