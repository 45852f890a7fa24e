// The harness checks itself: every page object works against VS Code's own features (JSON
// diagnostics, the Markdown preview webview, the Explorer tree), and the prompts that our
// extension's commands will show (notifications, quick picks, input boxes), raised here by the test
// probe. If VS Code's DOM changes under a page object, this journey says which one broke.
import assert from 'node:assert/strict';
import { useWorkbench } from '../support/session';

describe('Harness: the page objects work in this VS Code', function () {
  const ctx = useWorkbench({
    journey: 'harness',
    files: {
      'bad.json': '{ "a": 1,, }\n',
      'README.md': '# Hello harness\n\nSome *text*.\n',
      'notes.txt': 'line one\nline two\n',
    },
  });

  it('opens a file and reads the active editor (whole document and rendered lines)', async () => {
    const wb = ctx.workbench;
    await wb.editor.openFile('notes.txt');
    const doc = await wb.editor.document((d) => d.uri.endsWith('/notes.txt'));
    assert.equal(doc.text, 'line one\nline two\n');
    assert.deepEqual((await wb.editor.visibleLines()).slice(0, 2), ['line one', 'line two']);
    assert.ok((await wb.editor.tabs()).some((t) => t.title === 'notes.txt' && t.active));
  });

  it('reads the Problems panel', async () => {
    const wb = ctx.workbench;
    await wb.editor.openFile('bad.json');
    await wb.problems.open();
    const entries = await wb.problems.waitForEntries((e) => e.length > 0);
    assert.equal(entries[0].file, 'bad.json');
    assert.equal(entries[0].severity, 'error');
    assert.match(entries[0].message, /Property expected/);
    assert.equal(entries[0].line, 1);
    const fromApi = await ctx.probe.diagnostics();
    assert.ok(fromApi.some((d) => d.uri.endsWith('/bad.json') && d.severity === 'error'));
    await wb.screenshot('problems');
  });

  it('reads and answers notifications', async () => {
    const wb = ctx.workbench;
    const answer = ctx.probe.call('showMessage', ['warning', 'Harness question?', 'Yes', 'No']);
    const shown = await wb.notifications.waitFor('Harness question?');
    assert.equal(shown.severity, 'warning');
    assert.deepEqual(shown.buttons, ['Yes', 'No']);
    await wb.notifications.clickButton('Harness question?', 'No');
    assert.equal(await answer, 'No');
  });

  it('answers a quick pick and an input box', async () => {
    const wb = ctx.workbench;
    const picked = ctx.probe.call('showQuickPick', [['alpha', 'beta', 'gamma'], { title: 'Pick a letter', placeHolder: 'letters' }]);
    await wb.quickInput.waitOpen();
    assert.equal(await wb.quickInput.title(), 'Pick a letter');
    assert.deepEqual(
      (await wb.quickInput.items()).map((i) => i.label),
      ['alpha', 'beta', 'gamma'],
    );
    await wb.quickInput.pick('beta');
    assert.equal(await picked, 'beta');

    const many = ctx.probe.call('showQuickPick', [['one', 'two', 'three'], { canPickMany: true }]);
    await wb.quickInput.waitOpen();
    await wb.quickInput.pickMany(['one', 'three']);
    assert.deepEqual(await many, ['one', 'three']);

    const typed = ctx.probe.call('showInputBox', [{ prompt: 'Your name', value: '' }]);
    await wb.quickInput.waitOpen();
    assert.match(await wb.quickInput.message(), /Your name/);
    await wb.quickInput.submit('Ada');
    assert.equal(await typed, 'Ada');
  });

  it('finds a webview by its tab title and reads inside it', async () => {
    const wb = ctx.workbench;
    await wb.editor.openFile('README.md');
    await wb.runCommand('Markdown: Open Preview to the Side');
    const frame = await wb.webview('Preview README.md', { selector: 'h1' });
    assert.equal((await frame.locator('h1').textContent())?.trim(), 'Hello harness');
    await wb.screenshot('webview');
  });

  it('reads a tree view and uses an item context menu', async () => {
    const wb = ctx.workbench;
    await wb.activityBar.open('Explorer');
    const explorer = wb.view('workspace');
    const items = await explorer.items();
    assert.deepEqual(
      items.map((i) => [i.label, i.level]),
      [
        ['bad.json', 1],
        ['notes.txt', 1],
        ['README.md', 1],
      ],
    );
    const menu = await explorer.contextMenu('notes.txt');
    assert.ok((await menu.items()).includes('Open to the Side'), JSON.stringify(await menu.items()));
    await menu.close();
  });
});
