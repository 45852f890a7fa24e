import assert from 'node:assert/strict';
import { assertInEveryForm, findings, inForm, noFindings, rangeOf, record, FORMS } from './helpers';

function applyFix(
  text: string,
  fix: { range: { start: { line: number; character: number }; end: { line: number; character: number } }; newText: string },
): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(0, offset(fix.range.start)) + fix.newText + text.slice(offset(fix.range.end));
}

describe('validation: category and table', () => {
  it('wrong letter case is an error with a fix to the exact category', () => {
    const rec = record('DeviceEvents', {}, { category: 'advancedhunting-deviceevents' });
    assertInEveryForm(rec, 'DSE015', 'error', '"advancedhunting-deviceevents"');
    for (const form of FORMS) {
      const text = inForm(form, rec);
      const [f] = findings(text);
      assert.equal(f.fix?.newText, '"AdvancedHunting-DeviceEvents"');
      assert.deepEqual(f.fix?.range, rangeOf(text, '"advancedhunting-deviceevents"'));
      noFindings(applyFix(text, f.fix!));
    }
    const [tableCase] = findings(inForm('message', record('DeviceEvents', {}, { category: 'AdvancedHunting-deviceEVENTS' })));
    assert.equal(tableCase.code, 'DSE015');
    assert.equal(tableCase.fix?.newText, '"AdvancedHunting-DeviceEvents"');
  });

  it('a missing prefix is an error with a fix when the table is known', () => {
    const rec = record('DeviceProcessEvents', {}, { category: 'DeviceProcessEvents' });
    assertInEveryForm(rec, 'DSE014', 'error', '"DeviceProcessEvents"');
    const [f] = findings(inForm('record', rec));
    assert.equal(f.fix?.newText, '"AdvancedHunting-DeviceProcessEvents"');
    const [hub] = findings(
      inForm('record', record('DeviceProcessEvents', {}, { category: 'insights-logs-advancedhunting-deviceprocessevents' })),
    );
    assert.equal(hub.code, 'DSE014');
    assert.equal(hub.fix?.newText, '"AdvancedHunting-DeviceProcessEvents"');
    const [misspelt] = findings(inForm('record', record('DeviceProcessEvents', {}, { category: 'AdvanceHunting-DeviceProcessEvents' })));
    assert.equal(misspelt.code, 'DSE014');
    assert.equal(misspelt.fix?.newText, '"AdvancedHunting-DeviceProcessEvents"');
  });

  it('a category that names no table is an error without a fix', () => {
    const [f] = findings(inForm('message', record('DeviceEvents', {}, { category: 'SomethingElse' })));
    assert.equal(f.code, 'DSE014');
    assert.equal(f.fix, undefined);
    assertInEveryForm(record('DeviceEvents', {}, { category: 12 }), 'DSE014', 'error', '12');
    assertInEveryForm(record('DeviceEvents', {}, { category: 'AdvancedHunting-' }), 'DSE014', 'error', '"AdvancedHunting-"');
    assertInEveryForm(record('DeviceEvents', {}, { category: '' }), 'DSE014', 'error', '""');
  });

  it('properties are checked against the table the fix names', () => {
    const text = inForm('message', record('DeviceProcessEvents', { ProcessId: 'abc' }, { category: 'deviceprocessevents' }));
    assert.deepEqual(
      findings(text).map((f) => f.code),
      ['DSE014', 'DSE022'],
    );
  });

  it('a table that real streams carry beyond the 21 GA ones (IdentityInfo) is checked like any other, without a finding', () => {
    for (const form of FORMS) noFindings(inForm(form, record('IdentityInfo', { AccountUpn: 'a@contoso.com', IsAccountEnabled: true })));
    const [f] = findings(inForm('message', record('IdentityInfo', { IsAccountEnabled: 'x' })));
    assert.equal(f.code, 'DSE022');
  });

  it('a table outside the catalog is an info and its properties are not checked', () => {
    const rec = record('ContosoCustomEvents', { Anything: { goes: true }, Port: 'x' });
    assertInEveryForm(rec, 'DSE016', 'info', '"AdvancedHunting-ContosoCustomEvents"');
    const [f] = findings(inForm('message', record('ContosoCustomEvents', {})));
    assert.match(f.message, /not in the catalog of 66 Advanced Hunting tables; its properties are not checked\./);
    const [typo] = findings(inForm('message', record('DeviceProcesEvents', { x: 1 })));
    assert.equal(typo.code, 'DSE016');
    assert.match(typo.message, /Did you mean "AdvancedHunting-DeviceProcessEvents"\?/);
    assert.equal(typo.fix, undefined);
  });

  it('a category whose table part cannot be a table name is an error', () => {
    assertInEveryForm(record('Device Events', {}), 'DSE014', 'error', '"AdvancedHunting-Device Events"');
  });

  it('an Advanced-Hunting-only table is an info that says so, and its properties are checked', () => {
    const rec = record('DeviceTvmSoftwareInventory', { DeviceId: 'd', SoftwareName: 'edge' });
    assertInEveryForm(rec, 'DSE018', 'info', '"AdvancedHunting-DeviceTvmSoftwareInventory"');
    const [f] = findings(inForm('message', rec));
    assert.match(f.message, /Microsoft does not list as streamed and real streams are not known to carry/);
    assert.deepEqual(
      findings(inForm('message', record('DeviceTvmSoftwareInventory', { SoftwareName: 7 }))).map((x) => [x.code, x.severity]),
      [
        ['DSE018', 'info'],
        ['DSE026', 'warning'],
      ],
    );
  });

  it('undocumented columns that real streams carry are infos, not warnings', () => {
    for (const [table, column] of [
      ['DeviceProcessEvents', 'NetworkAdapterName'],
      ['IdentityLogonEvents', 'IsAdminOperation'],
      ['IdentityDirectoryEvents', 'IsAdminOperation'],
      ['CloudAppEvents', 'ISP'],
    ]) {
      for (const form of FORMS) {
        const text = inForm(form, record(table, { [column]: 'x' }));
        const all = findings(text);
        assert.deepEqual(
          all.map((f) => [f.code, f.severity]),
          [['DSE021', 'info']],
          `${table}.${column} ${form}`,
        );
        assert.deepEqual(all[0].range, rangeOf(text, `"${column}"`, text.split(`"${column}"`).length - 2));
      }
    }
  });
});
