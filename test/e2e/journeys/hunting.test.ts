// Journey: a detection engineer inserts the capacity estimation query into a KQL document and runs it
// in the tenant's Advanced Hunting with "Run Query in Advanced Hunting". VS Code asks to allow the
// Microsoft sign-in; the query goes to Microsoft Graph with the token and the results fill the grid
// of the "Advanced Hunting" panel. Run again while the account lacks the permission, the 403 names
// ThreatHunting.Read.All in a notification and in the panel. Then they start the demo hub and check
// the stream's completeness for the last full hour: the hub (started a minute ago) holds nothing of
// it, Advanced Hunting counts records, and the report says so per table.
//
// Offline stand-ins, both outside the extension: Microsoft Graph is test/unit/graph/fakeGraph.ts (a
// local server speaking the documented runHuntingQuery contract), reached through the user setting
// defenderStream.graph.endpoint (loopback is the only non-Graph host the extension accepts); the
// Microsoft sign-in is the probe's provider registered under the id "microsoft" (see
// test/e2e/probe/extension.js), which hands out a fixed token after the real consent dialog.
import assert from 'node:assert/strict';
import { TOKEN, graphError, json, startFakeGraph, type FakeGraph } from '../../unit/graph/fakeGraph';
import { waitUntil } from '../support/hubFlows';
import { closeAllEditorsDiscarding } from '../support/kqlHelpers';
import { useWorkbench } from '../support/session';

describe('Advanced Hunting: run a KQL query in the tenant through Microsoft Graph', function () {
  let graph: FakeGraph | undefined;
  const settings: Record<string, unknown> = {};
  // Registered before useWorkbench's hook, so the workbench starts with the fake Graph's address.
  before(async () => {
    graph = await startFakeGraph();
    settings['defenderStream.graph.endpoint'] = graph.url;
  });
  after(async () => {
    await graph?.close();
  });
  const ctx = useWorkbench({ journey: 'hunting', settings, env: { DSE_FAKE_MICROSOFT_TOKEN: TOKEN } });

  async function gridOf(): Promise<{ status: string; headers: string[]; rows: string[][]; query: string }> {
    const frame = await ctx.workbench.webview('Advanced Hunting', { selector: '.status' });
    return frame.evaluate(() => ({
      status: document.querySelector('.status')?.textContent ?? '',
      headers: [...document.querySelectorAll('thead th')].map((th) => th.textContent ?? ''),
      rows: [...document.querySelectorAll('tbody tr:not(.spacer)')].map((tr) =>
        [...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
      ),
      query: document.querySelector('.query')?.textContent ?? '',
    }));
  }

  it('signs in with consent, sends the query under the cursor to Graph and shows the results grid', async function () {
    this.timeout(180_000);
    const wb = ctx.workbench;
    await wb.runCommand('Defender Stream: Insert Capacity Estimation Query');
    await wb.quickInput.waitOpen();
    await wb.quickInput.pick('All tables');
    await wb.quickInput.waitClosed();
    const doc = await wb.editor.document((e) => e.isUntitled && e.text.startsWith('let bytes_ = 500;'));
    assert.equal(doc.languageId, 'kql');
    // Leave snippet mode and drop the placeholder's selection (a selection would be run as the query):
    // the cursor on the second line of the query.
    await wb.page.keyboard.press('Escape');
    await wb.page.keyboard.press('ArrowDown');

    await wb.runCommand('Defender Stream: Run Query in Advanced Hunting');
    // VS Code's own consent dialog for the Microsoft sign-in.
    const allow = wb.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button').getByText('Allow', { exact: true });
    await allow.waitFor({ state: 'visible', timeout: 30_000 });
    const dialogText = (await wb.page.locator('.monaco-dialog-box').textContent()) ?? '';
    assert.match(dialogText, /sign in using Microsoft/i);
    await wb.screenshot('sign-in-consent');
    await allow.click();

    const grid = await waitUntil(
      'the results grid',
      async () => {
        const g = await gridOf();
        return g.rows.length === 2 ? g : undefined;
      },
      60_000,
    );
    assert.deepEqual(grid.headers, ['Timestamp', 'DeviceName', 'Count', 'AdditionalFields']);
    assert.deepEqual(
      grid.rows.map((r) => r.slice(0, 3)),
      [
        ['2026-12-01T08:00:00Z', 'pc-1, "lab"', '3'],
        ['2026-12-01T08:01:00Z', '=HYPERLINK("x")', '-2'],
      ],
    );
    assert.match(grid.status, /^2 rows · \d+\.\d s$/);
    assert.equal(grid.query, doc.text);
    await wb.screenshot('results-grid');

    // What reached "Graph": the documented request with the signed-in token and the whole query.
    assert.equal(graph!.seen.length, 1);
    const request = graph!.seen[0];
    assert.equal(request.method, 'POST');
    assert.equal(request.url, '/v1.0/security/runHuntingQuery');
    assert.equal(request.authorization, `Bearer ${TOKEN}`);
    assert.deepEqual(request.body, { Query: doc.text });
    // The sign-in asked for the permission Advanced Hunting needs.
    const signIns = await ctx.probe.call<string[][]>('fakeSignIns');
    assert.deepEqual(signIns, [['https://graph.microsoft.com/ThreatHunting.Read.All']]);
    // The token never reaches the log.
    assert.ok(!ctx.session.extensionLog().includes(TOKEN));
  });

  it('names the missing permission when Graph answers 403', async function () {
    this.timeout(120_000);
    const wb = ctx.workbench;
    graph!.script(graphError(403, 'Forbidden', 'Insufficient privileges to complete the operation.'));
    // Back to the query (reading the panel brought it to the front); an untitled tab is named after its first line.
    const queryTab = (await wb.editor.tabs()).find((t) => t.title.startsWith('let bytes_'));
    assert.ok(queryTab, JSON.stringify(await wb.editor.tabs()));
    await wb.editor.activateTab(queryTab.title);
    await wb.editor.document((e) => e.languageId === 'kql');
    await wb.runCommand('Defender Stream: Run Query in Advanced Hunting');
    // Signed in already: no consent dialog this time.
    const toast = await wb.notifications.waitFor(/\(403\)/);
    assert.equal(toast.severity, 'error');
    assert.match(toast.message, /ThreatHunting\.Read\.All/);
    const grid = await waitUntil('the panel to show the failure', async () => {
      const g = await gridOf();
      return g.status.includes('403') ? g : undefined;
    });
    assert.match(grid.status, /lacks the permission ThreatHunting\.Read\.All/);
    assert.equal(graph!.seen.length, 2);
    assert.equal(graph!.seen[1].authorization, `Bearer ${TOKEN}`);
    assert.deepEqual(await ctx.probe.call<string[][]>('fakeSignIns'), [['https://graph.microsoft.com/ThreatHunting.Read.All']]);
    await wb.screenshot('forbidden');
    await closeAllEditorsDiscarding(wb);
  });

  it('checks stream completeness for the last full hour: hub counts against count() by TableName', async function () {
    this.timeout(180_000);
    const wb = ctx.workbench;
    await wb.runCommand('Defender Stream: Start Demo Hub');
    await wb.activityBar.open('Defender Stream');
    await wb.view('Event Hubs').item('Demo (local)', 60_000);
    graph!.script(
      json(200, {
        schema: [
          { name: 'TableName', type: 'String' },
          { name: 'Count', type: 'Int64' },
        ],
        results: [
          { TableName: 'DeviceProcessEvents', Count: 1200 },
          { TableName: 'AlertInfo', Count: 3 },
        ],
      }),
    );

    await wb.runCommand('Defender Stream: Check Stream Completeness...');
    await wb.quickInput.waitOpen();
    assert.equal(await wb.quickInput.title(), 'Choose an event hub');
    await wb.quickInput.pick('defender-stream');
    await waitUntil(
      'the window prompt',
      async () => (await wb.quickInput.title()) === 'Check Stream Completeness: Demo (local) / defender-stream',
    );
    const windows = (await wb.quickInput.items()).sort((a, b) => a.position - b.position);
    assert.equal(windows.length, 7, JSON.stringify(windows));
    assert.match(windows[0].label, /^\d{4}-\d\d-\d\d \d\d:00–\d\d:00 UTC$/);
    assert.equal(windows[6].label, 'Another window...');
    await wb.quickInput.pick(windows[0].label);

    const report = await wb.editor.document((e) => e.languageId === 'markdown' && e.text.startsWith('# Stream completeness'), 90_000);
    assert.match(report.text, /^# Stream completeness: Demo \(local\) \/ defender-stream\n/);
    assert.ok(report.text.includes(`Window: **${windows[0].label}**`), report.text);
    assert.match(report.text, /\| `DeviceProcessEvents` \| 1,200 \| – \| -1,200 \| -100 % \| Advanced Hunting only \|/);
    assert.match(report.text, /\| `AlertInfo` \| 3 \| – \| -3 \| -100 % \| Advanced Hunting only \|/);
    assert.match(report.text, /## What a difference can mean/);
    // What reached "Graph": count() by TableName over the same half-open window, with the token.
    const request = graph!.seen[graph!.seen.length - 1];
    assert.equal(request.authorization, `Bearer ${TOKEN}`);
    const query = (request.body as { Query: string }).Query;
    assert.match(query, /^union isfuzzy=true withsource=TableName .*DeviceProcessEvents/);
    assert.match(query, /\| where Timestamp >= datetime\(\d{4}-\d\d-\d\dT\d\d:00:00\.000Z\) and Timestamp < datetime\(/);
    assert.match(query, /\| summarize Count = count\(\) by TableName$/);
    await wb.screenshot('completeness-report');
  });
});
