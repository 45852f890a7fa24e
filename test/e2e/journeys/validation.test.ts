// Journey: someone keeps Defender sample fixtures in their repository. They open a .defender.json file
// with a bad category and a string in a long column; the Problems panel shows both findings at the
// right lines with their codes, and the quick fix corrects the category.
import assert from 'node:assert/strict';
import type { ProblemEntry } from '../support/panels';
import { useWorkbench } from '../support/session';

const TENANT = '8d6f3b52-1c3e-4a5b-9f0e-2b7c4d1e6a90';
const BAD_CATEGORY = 'advancedhunting-deviceprocessevents';
const GOOD_CATEGORY = 'AdvancedHunting-DeviceProcessEvents';
const SAMPLE = `${JSON.stringify(
  {
    records: [
      {
        time: '2024-05-01T10:20:30.1234567Z',
        tenantId: TENANT,
        category: BAD_CATEGORY,
        properties: { DeviceName: 'wks-01', ProcessId: 'not-a-number', FileName: 'cmd.exe' },
      },
    ],
  },
  null,
  2,
)}\n`;
const FIXED = SAMPLE.replace(BAD_CATEGORY, GOOD_CATEGORY);

// Where the findings are (1-based, as the Problems panel shows them): the category value on line 6,
// the ProcessId value on line 9 (each at its opening quote).
const lines = SAMPLE.split('\n');
assert.equal(lines[5], `      "category": "${BAD_CATEGORY}",`);
assert.equal(lines[8], '        "ProcessId": "not-a-number",');

const CATEGORY_PROBLEM: ProblemEntry = {
  file: 'bad.defender.json',
  severity: 'error',
  message: `Wrong letter case in category "${BAD_CATEGORY}": Defender writes "${GOOD_CATEGORY}".`,
  source: 'Defender Stream',
  code: 'DSE015',
  line: 6,
  column: 19,
};
const PROCESS_ID_PROBLEM: ProblemEntry = {
  file: 'bad.defender.json',
  severity: 'error',
  message: '"ProcessId" is a long column; "not-a-number" cannot be read as a number.',
  source: 'Defender Stream',
  code: 'DSE022',
  line: 9,
  column: 22,
};

/** The panel's entries for one file, with the code's decoration ("(DSE015)" or similar) reduced to the code. */
function entriesOf(entries: ProblemEntry[], file: string): ProblemEntry[] {
  return entries.filter((e) => e.file === file).map((e) => ({ ...e, code: /DSE\d{3}/.exec(e.code)?.[0] ?? e.code }));
}

describe('Validation: sample JSON is checked as you open it', function () {
  const ctx = useWorkbench({
    journey: 'validation',
    files: { 'fixtures/bad.defender.json': SAMPLE, 'fixtures/plain.json': FIXED },
  });

  it('shows the bad category and the string in a long column in the Problems panel', async () => {
    const wb = ctx.workbench;
    await wb.editor.openFile('fixtures/bad.defender.json');
    await wb.problems.open();
    const entries = await wb.problems.waitForEntries(
      (e) => entriesOf(e, 'bad.defender.json').filter((x) => x.source === 'Defender Stream').length >= 2,
      60_000,
    );
    // Exactly these two, in line order; nothing else (the JSON schema of the envelope has nothing to say either).
    assert.deepEqual(entriesOf(entries, 'bad.defender.json'), [CATEGORY_PROBLEM, PROCESS_ID_PROBLEM]);
    // The status bar counts them too (it may repaint a moment after the panel).
    let counts = await wb.problems.statusBarCounts();
    for (let i = 0; i < 50 && counts.errors !== 2; i++) {
      await wb.page.waitForTimeout(100);
      counts = await wb.problems.statusBarCounts();
    }
    assert.deepEqual(counts, { errors: 2, warnings: 0 });

    // The same findings as VS Code holds them (0-based ranges covering the whole JSON string).
    const diagnostics = (await ctx.probe.diagnostics()).filter((d) => d.uri.endsWith('/fixtures/bad.defender.json'));
    assert.deepEqual(
      diagnostics.map((d) => ({ code: d.code, severity: d.severity, source: d.source, range: d.range })),
      [
        {
          code: 'DSE015',
          severity: 'error',
          source: 'Defender Stream',
          range: { start: { line: 5, character: 18 }, end: { line: 5, character: 18 + BAD_CATEGORY.length + 2 } },
        },
        {
          code: 'DSE022',
          severity: 'error',
          source: 'Defender Stream',
          range: { start: { line: 8, character: 21 }, end: { line: 8, character: 21 + '"not-a-number"'.length } },
        },
      ],
    );
    await wb.screenshot('problems');
  });

  it('the quick fix corrects the category', async () => {
    const wb = ctx.workbench;
    const page = wb.page;
    await wb.editor.activateTab('bad.defender.json');
    // Go to the flagged category (Quick Open's ":line:column", as Ctrl+G offers it) and ask for quick fixes
    // (Ctrl+.). Through the palette, which makes sure it is open: a Ctrl+G pressed while the focus was
    // still on its way to the editor once went nowhere, and the "6:25" typed after it went into the file.
    await wb.palette.open();
    await wb.quickInput.fill(':6:25');
    await page.keyboard.press('Enter');
    await wb.quickInput.waitClosed();
    // Quick Fix acts on the focused editor's cursor: wait until the editor has focus back and the cursor is
    // on the category (Ctrl+. pressed while focus is still returning from the quick input does nothing).
    await page.locator('.editor-group-container.active .monaco-editor.focused').waitFor({ state: 'visible', timeout: 20_000 });
    await page.locator('[id="status.editor.selection"]').filter({ hasText: 'Ln 6, Col 25' }).waitFor({ state: 'visible', timeout: 20_000 });
    await page.keyboard.press('Control+.');
    const rows = page.locator('.action-widget .monaco-list-row.action');
    const fix = rows.filter({ hasText: `Change category to "${GOOD_CATEGORY}"` });
    await fix.first().waitFor({ state: 'visible', timeout: 20_000 });
    await wb.screenshot('quick-fix', { readme: 'validation-quick-fix' });
    // Ours is the only fix offered at the category, and the preferred one: it is focused, Enter applies it
    // (as a user would; the widget ignores clicks right after it opens).
    assert.equal(await fix.count(), 1);
    assert.match((await fix.first().getAttribute('class')) ?? '', /focused/);
    await page.keyboard.press('Enter');

    const doc = await wb.editor.document((d) => d.text.includes(`"${GOOD_CATEGORY}"`));
    assert.equal(doc.text, FIXED);
    assert.equal(doc.isDirty, true);
    // The category problem is gone at once (validation re-runs on the edit); the ProcessId one stays.
    const entries = await wb.problems.waitForEntries((e) => !entriesOf(e, 'bad.defender.json').some((x) => x.code === 'DSE015'), 20_000);
    assert.deepEqual(entriesOf(entries, 'bad.defender.json'), [PROCESS_ID_PROBLEM]);
    await wb.screenshot('quick-fix-applied');
  });

  it('"Validate Sample JSON" checks a file outside the include globs on request', async () => {
    const wb = ctx.workbench;
    await wb.editor.openFile('fixtures/plain.json');
    await wb.editor.document((d) => d.uri.endsWith('/fixtures/plain.json'));
    // Not a *.defender.json file: nothing automatic.
    assert.deepEqual(
      (await ctx.probe.diagnostics()).filter((d) => d.uri.endsWith('/plain.json')),
      [],
    );
    await wb.runCommand('Defender Stream: Validate Sample JSON');
    const note = await wb.notifications.waitFor('Defender Stream: 1 error in fixtures/plain.json.');
    assert.deepEqual(note.buttons, ['Show Problems']);
    const entries = await wb.problems.waitForEntries((e) => entriesOf(e, 'plain.json').length > 0);
    assert.deepEqual(entriesOf(entries, 'plain.json'), [{ ...PROCESS_ID_PROBLEM, file: 'plain.json' }]);
    await wb.screenshot('validate-command');
  });
});
