// Journey: a detection engineer inserts the capacity estimation query into a KQL document and runs it
// in the tenant's Advanced Hunting with "Run Query in Advanced Hunting". VS Code asks to allow the
// Microsoft sign-in; the query goes to Microsoft Graph with the token and the results fill the grid
// of the "Advanced Hunting" panel. Run again while the account lacks the permission, the 403 names
// ThreatHunting.Read.All in a notification and in the panel. Then they start the demo hub and check
// the stream's completeness for the last full hour: the hub (started a minute ago) holds nothing of
// it, Advanced Hunting counts records, and the report says so per table. They fetch their tenant's
// schema of three tables with "Fetch Tenant Schema" (one getschema query each; the tenant lacks one of
// them) into .defender-stream/schema.json, and plan Event Hubs capacity with "Estimate Capacity from
// Advanced Hunting" from the events per second the tenant reports.
//
// Offline stand-ins, both outside the extension: Microsoft Graph is test/unit/graph/fakeGraph.ts (a
// local server speaking the documented runHuntingQuery contract), reached through the user setting
// defenderStream.graph.endpoint (loopback is the only non-Graph host the extension accepts); the
// Microsoft sign-in is the probe's provider registered under the id "microsoft" (see
// test/e2e/probe/extension.js), which hands out a fixed token after the real consent dialog.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { TOKEN, graphError, json, startFakeGraph, type FakeGraph, type Reply } from '../../unit/graph/fakeGraph';
import { waitUntil } from '../support/hubFlows';
import { closeAllEditorsDiscarding } from '../support/kqlHelpers';
import { useWorkbench } from '../support/session';

/** The tenant's tables as `<Table> | getschema | project ColumnName, ColumnType` describes them. */
const TENANT_COLUMNS: Record<string, Array<[string, string]>> = {
  AlertInfo: [
    ['Timestamp', 'datetime'],
    ['AlertId', 'string'],
    ['Title', 'string'],
  ],
  // OSBuild is a long in the catalog; TenantOnlyColumn is no catalog column.
  DeviceInfo: [
    ['Timestamp', 'datetime'],
    ['DeviceId', 'string'],
    ['DeviceName', 'string'],
    ['OSBuild', 'string'],
    ['TenantOnlyColumn', 'long'],
  ],
};

/**
 * Graph answering getschema queries as Advanced Hunting does: the rows of a table the tenant has, and
 * 400 with the service's message for one it lacks (the documented contract's checks first).
 */
function getschemaReply(tables: Record<string, Array<[string, string]>>): Reply {
  return (req, res, seen) => {
    if (req.method !== 'POST' || req.url !== '/v1.0/security/runHuntingQuery')
      return graphError(404, 'NotFound', 'no such path')(req, res, seen);
    if (seen.authorization !== `Bearer ${TOKEN}`)
      return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.')(req, res, seen);
    const query = (seen.body as { Query?: unknown })?.Query;
    const match = typeof query === 'string' ? /^(\w+) \| getschema \| project ColumnName, ColumnType$/.exec(query) : null;
    if (!match) return graphError(400, 'BadRequest', 'Query could not be parsed.')(req, res, seen);
    const columns = Object.prototype.hasOwnProperty.call(tables, match[1]) ? tables[match[1]] : undefined;
    if (!columns) return graphError(400, 'BadRequest', `Failed to resolve table expression named '${match[1]}'`)(req, res, seen);
    return json(200, {
      schema: [
        { name: 'ColumnName', type: 'String' },
        { name: 'ColumnType', type: 'String' },
      ],
      results: columns.map(([ColumnName, ColumnType]) => ({ ColumnName, ColumnType })),
    })(req, res, seen);
  };
}

/** The cells of the Markdown table under the header line `header` (its rows up to the first non-row line). */
function tableRows(markdown: string, header: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(header);
  assert.ok(start >= 0, `no table "${header}" in:\n${markdown}`);
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('| ')) break;
    rows.push(line.slice(2, -2).split(' | '));
  }
  return rows;
}

/** A number as the report writes it: thousands separated by commas, at most `digits` decimals, no trailing zeros. */
function fmt(value: number, digits: number): string {
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(value);
}

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

  it('fetches the tenant schema of chosen tables with getschema into .defender-stream/schema.json', async function () {
    this.timeout(180_000);
    const wb = ctx.workbench;
    await closeAllEditorsDiscarding(wb);
    // Toasts of the steps before would hide this step's.
    await wb.runCommand('Notifications: Clear All Notifications');
    // The tenant knows two of the three tables picked; for the third, Advanced Hunting rejects the query.
    graph!.script(getschemaReply(TENANT_COLUMNS));
    const before = graph!.seen.length;

    await wb.runCommand('Defender Stream: Fetch Tenant Schema from Advanced Hunting...');
    await wb.quickInput.waitOpen();
    assert.equal(await wb.quickInput.title(), 'Fetch Tenant Schema');
    await wb.quickInput.pickMany(['DeviceInfo', 'AlertInfo', 'CloudDnsEvents']);
    await wb.quickInput.waitClosed();

    const notice = await wb.notifications.waitFor(/^Imported 2 tables:/, 60_000);
    assert.equal(notice.severity, 'info');
    assert.equal(
      notice.message,
      "Imported 2 tables: AlertInfo: 3 columns; DeviceInfo: 5 columns, 1 not in the catalog, 1 with another type than the catalog's. " +
        'Not read: CloudDnsEvents (see the log).',
    );
    assert.deepEqual(notice.buttons, ['Open schema.json']);
    await wb.screenshot('tenant-schema-fetched');
    // "Open schema.json" shows the stored file in an editor (compared with the file on disk below).
    await wb.notifications.clickButton(/^Imported 2 tables:/, 'Open schema.json');
    const editor = await wb.editor.document((e) => e.uri.endsWith('/.defender-stream/schema.json'));
    await wb.screenshot('tenant-schema-file');

    // What reached "Graph": one getschema query per table, each with the signed-in token.
    const sent = graph!.seen.slice(before);
    assert.equal(sent.length, 3);
    for (const request of sent) {
      assert.equal(request.url, '/v1.0/security/runHuntingQuery');
      assert.equal(request.authorization, `Bearer ${TOKEN}`);
    }
    assert.deepEqual(sent.map((r) => (r.body as { Query: string }).Query).sort(), [
      'AlertInfo | getschema | project ColumnName, ColumnType',
      'CloudDnsEvents | getschema | project ColumnName, ColumnType',
      'DeviceInfo | getschema | project ColumnName, ColumnType',
    ]);

    // The workspace's tenant schema holds exactly what the tenant answered, in getschema order.
    const file = path.join(ctx.session.workspace, '.defender-stream', 'schema.json');
    assert.ok(existsSync(file), `${file} was not written`);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as {
      version: number;
      source: string;
      updatedAt: string;
      tables: Record<string, { columns: Array<{ name: string; type: string }> }>;
    };
    assert.equal(stored.version, 1);
    assert.equal(stored.source, `Advanced Hunting (Microsoft Graph ${new URL(graph!.url).host})`);
    assert.ok(Math.abs(Date.now() - Date.parse(stored.updatedAt)) < 10 * 60_000, stored.updatedAt);
    assert.deepEqual(Object.keys(stored.tables).sort(), Object.keys(TENANT_COLUMNS).sort());
    for (const [table, columns] of Object.entries(TENANT_COLUMNS))
      assert.deepEqual(
        stored.tables[table].columns,
        columns.map(([name, type]) => ({ name, type })),
        table,
      );
    assert.equal(editor.text, readFileSync(file, 'utf8'));

    // The log says why CloudDnsEvents is missing, and the extension now uses the fetched schema.
    const log = await waitUntil('the log lines of the fetch', () => {
      const text = ctx.session.extensionLog();
      return /Using the tenant schema \.defender-stream\/schema\.json in workspace: 2 tables/.test(text) ? text : undefined;
    });
    assert.match(
      log,
      /Fetch Tenant Schema: CloudDnsEvents: Advanced Hunting rejected the query \(400\)\. The service said: .*'CloudDnsEvents'/,
    );
    assert.match(log, /Written to \.defender-stream\/schema\.json in workspace\./);
    assert.ok(!log.includes(TOKEN));
  });

  it('estimates capacity from the tenant rates Advanced Hunting returns', async function () {
    this.timeout(180_000);
    const wb = ctx.workbench;
    await closeAllEditorsDiscarding(wb);
    await wb.runCommand('Notifications: Clear All Notifications');
    // avg_EPS per table, as the published query's `summarize avg(EPS), estimatedMBPerSec = ... by MDTables` names them.
    const rates: Array<[string, number]> = [
      ['AlertInfo', 0.35],
      ['DeviceNetworkEvents', 2400.25],
      ['DeviceProcessEvents', 812.4],
    ];
    graph!.script(
      json(200, {
        schema: [
          { name: 'MDTables', type: 'String' },
          { name: 'avg_EPS', type: 'Double' },
          { name: 'estimatedMBPerSec', type: 'Double' },
        ],
        results: rates.map(([table, eps]) => ({ MDTables: table, avg_EPS: eps, estimatedMBPerSec: (eps * 500) / (1024 * 1024) })),
      }),
    );
    const before = graph!.seen.length;

    await wb.runCommand('Defender Stream: Estimate Capacity from Advanced Hunting...');
    await wb.quickInput.waitOpen();
    assert.equal(await wb.quickInput.title(), 'Estimate Capacity from Advanced Hunting');
    await wb.quickInput.pick('1d');
    await wb.quickInput.waitClosed();

    const report = await wb.editor.document(
      (e) => e.languageId === 'markdown' && e.text.startsWith('# Capacity estimate from Advanced Hunting'),
      60_000,
    );
    assert.ok(report.isUntitled);
    await wb.screenshot('capacity-estimate');

    // What reached "Graph": Microsoft's published capacity query over every table, one day back, with the token.
    const sent = graph!.seen.slice(before);
    assert.equal(sent.length, 1);
    assert.equal(sent[0].authorization, `Bearer ${TOKEN}`);
    const query = (sent[0].body as { Query: string }).Query;
    assert.equal(
      query,
      [
        'let bytes_ = 500;',
        'union withsource=MDTables*',
        '| where Timestamp > startofday(ago(1d))',
        '| summarize count() by bin(Timestamp, 1m), MDTables',
        '| extend EPS = count_ /60',
        '| summarize avg(EPS), estimatedMBPerSec = (avg(EPS) * bytes_ ) / (1024*1024) by MDTables',
        '| sort by toint(estimatedMBPerSec) desc',
      ].join('\n'),
    );

    // The numbers, from the rates the fake returned: 500 bytes per record (assumed, as in the query),
    // an Event Hubs throughput unit takes 1 MiB/s or 1,000 events/s, plus 25 % headroom.
    const text = report.text;
    assert.ok(text.includes(`(Advanced Hunting through Microsoft Graph, ${new URL(graph!.url).host})`), text);
    assert.ok(text.includes('since the start of the day 1d ago'), text);
    assert.ok(text.includes('**Assumed**: every record is 500 bytes'), text);
    assert.ok(text.includes('Standard tier, 25% headroom.'), text);
    const MIB = 1024 * 1024;
    const tus = (eps: number, bytesPerSecond: number) => Math.max(1, Math.ceil(Math.max(bytesPerSecond / MIB, eps / 1000) * 1.25));
    const heaviestFirst = [...rates].sort((a, b) => b[1] - a[1]);
    const rows = tableRows(text, '| Table | Events/s (tenant) | Bytes per record | MB/s |');
    assert.deepEqual(
      rows,
      heaviestFirst.map(([table, eps]) => ['`' + table + '`', fmt(eps, 2), '500 (assumed)', fmt((eps * 500) / MIB, 4)]),
    );
    const totalEps = rates.reduce((sum, [, eps]) => sum + eps, 0);
    const totalBytes = totalEps * 500;
    const singleTus = tus(totalEps, totalBytes);
    const partitions = Math.max(4, singleTus);
    assert.ok(
      text.includes(
        `## Single hub\n\n${fmt(totalEps, 1)} events/s, ${fmt(totalBytes / MIB, 3)} MB/s: ${singleTus} throughput unit(s), ${partitions} partitions.`,
      ),
      text,
    );
    // Three tables fit one Standard namespace (ten event hubs each).
    assert.ok(text.includes('## One hub per table\n\n1 Standard namespace(s) (at most 10 event hubs each):'), text);
    assert.deepEqual(tableRows(text, '| Namespace | Tables | Throughput units |'), [
      ['1', heaviestFirst.map(([table]) => '`' + table + '`').join(', '), String(singleTus)],
    ]);
    assert.ok(text.includes('## Query\n\n```kusto\n' + query + '\n```'), text);
    await waitUntil('the log line of the estimate', () =>
      /Estimate Capacity from Advanced Hunting: 3 tables from 127\.0\.0\.1:\d+\./.test(ctx.session.extensionLog()),
    );
  });
});
