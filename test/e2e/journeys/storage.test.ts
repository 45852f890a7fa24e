// Journey of issue 18 (items 1–3): a user adds the Storage account that Defender exports to (Azurite, started by
// this test and filled with generated records in the export's layout) by its connection string, browses it
// (tables, days, hours newest first, hour blobs with size), opens an hour blob as a read-only NDJSON document
// with validation findings, opens a larger one cut at the line limit, sees a wrong key worded as such in the
// check and in the tree, and removes the accounts. No key is ever written to settings.json.
// Issue 18 item 4: a Live Tail on a table of the account shows the lines appended to the current hour's blob
// (a line cut mid-write as one row once whole, a malformed line as a malformed row), and Tail to Editor on the
// same table writes the current hour's records as NDJSON lines.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEV_ACCOUNT_KEY } from '../../../src/storage/account';
import { containerOfTable, floorHour, HOUR_MS, hourBlobPath } from '../../../src/storage/layout';
import { formatNumber } from '../../../src/core/text/markdown';
import { DefenderTrafficGenerator } from '../../../src/traffic';
import { isListening } from '../../../scripts/demoAzurite.mjs';
import { startAzurite, type Azurite } from '../../support/azurite';
import { ExportWriter } from '../../unit/storage/support';
import { childrenOf, editUserSettingsJson, expandItem, waitForPrompt, waitItemGone, waitUntil } from '../support/hubFlows';
import { LiveTailPage } from '../support/tailPage';
import { useWorkbench } from '../support/session';
import type { Workbench } from '../support/workbench';

const TENANT = '5f1c2a9e-3b4d-4e6f-8a7b-9c0d1e2f3a4b';
/** A second tenant of the same table: its lines show that the tail has polled again (see "holds a line cut mid-write"). */
const OTHER_TENANT = '0a0b0c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d';
const TAIL_TAB = 'Live Tail: Azurite export / DeviceProcessEvents';
const DAY1 = Date.UTC(2026, 10, 30);
const DAY2 = Date.UTC(2026, 11, 1);
const LABEL = 'Azurite export';
const DEMO_STORAGE = 'Demo storage (Azurite)';
const WRONG_LABEL = 'Wrong key';
const MAX_LINES = 100;

interface StorageSetting {
  id: string;
  label?: string;
  blobEndpoint: string;
  auth: string;
}

/** One hour's records of a table, from the traffic generator, timed within that hour. */
function hourRecords(table: string, hour: number, count: number, seed: string): string[] {
  const gen = new DefenderTrafficGenerator({ seed, tables: [table], tenantId: TENANT, drift: false, now: () => hour + 30 * 60_000 });
  return gen.records(count, table).map((r) => JSON.stringify(r));
}

async function addByConnectionString(wb: Workbench, connectionString: string, label: string): Promise<void> {
  await wb.runCommand('Defender Stream: Add Storage Account...');
  await waitForPrompt(wb, 'How do you sign in to the storage account');
  await wb.quickInput.pick('Connection string or SAS URL');
  await waitForPrompt(wb, 'Connection string of the storage account');
  await wb.quickInput.submit(connectionString);
  await waitForPrompt(wb, 'Label shown in the Storage Accounts view');
  await wb.quickInput.submit(label);
  await wb.quickInput.waitClosed();
}

describe('Storage account: browse and open the hour blobs Defender exports', function () {
  const ctx = useWorkbench({
    journey: 'storage',
    settings: { 'defenderStream.storage.openMaxLines': MAX_LINES, 'defenderStream.tail.startPosition': 'ask' },
  });
  let azurite: Azurite;
  let writer: ExportWriter;
  /** The hour the tails write to (the current hour when the Live Tail starts). */
  let liveHour = 0;
  /** Lines appended to the current hour's blob of TENANT / OTHER_TENANT, as written. */
  const liveLines: string[] = [];
  const otherLines: string[] = [];
  const newest = hourRecords('DeviceProcessEvents', DAY2 + 10 * HOUR_MS, 5, 'newest');
  const big = hourRecords('DeviceProcessEvents', DAY2 + 9 * HOUR_MS, 150, 'big');

  const settingsText = () => readFileSync(path.join(ctx.session.userDataDir, 'User', 'settings.json'), 'utf8');
  const storageSettings = (): StorageSetting[] =>
    ((JSON.parse(settingsText()) as Record<string, unknown>)['defenderStream.storageAccounts'] as StorageSetting[]) ?? [];

  before(async () => {
    azurite = await startAzurite();
    writer = new ExportWriter(azurite);
    const write = (table: string, hour: number, lines: string[]) => writer.append(table, hour, lines.map((l) => `${l}\n`).join(''), TENANT);
    // The newest hour ends with a line that is not a record: validation marks it.
    await write('DeviceProcessEvents', DAY2 + 10 * HOUR_MS, [...newest, 'not a record']);
    await write('DeviceProcessEvents', DAY2 + 9 * HOUR_MS, big);
    await write('DeviceProcessEvents', DAY1 + 23 * HOUR_MS, hourRecords('DeviceProcessEvents', DAY1 + 23 * HOUR_MS, 3, 'old'));
    await write('AlertInfo', DAY2 + 8 * HOUR_MS, hourRecords('AlertInfo', DAY2 + 8 * HOUR_MS, 2, 'alerts'));
    // Not the export's: the view does not show it.
    await writer.service.getContainerClient('backups').createIfNotExists();
  });
  after(async () => {
    await azurite?.stop();
  });

  it('adds the account by its connection string and lists tables, days, hours (newest first) and hour blobs', async () => {
    const wb = ctx.workbench;
    await wb.activityBar.open('Defender Stream');
    const view = wb.view('Storage Accounts');
    const welcome = await view.welcome();
    // The Event Hubs section (its welcome, nothing configured) is collapsed: the storage tree gets the height.
    const hubsHeader = wb.view('Event Hubs').pane.locator('.pane-header');
    if ((await hubsHeader.getAttribute('aria-expanded')) === 'true') await hubsHeader.click();
    await waitUntil('the Event Hubs section to collapse', async () => (await hubsHeader.getAttribute('aria-expanded')) === 'false');
    assert.ok(welcome.buttons.includes('Add Storage Account'), JSON.stringify(welcome));

    await addByConnectionString(wb, azurite.connectionString, LABEL);
    await view.item(LABEL, 30_000);
    const saved = storageSettings();
    assert.deepEqual(
      saved.map((s) => [s.label, s.blobEndpoint, s.auth]),
      [[LABEL, azurite.blobEndpoint, 'connectionString']],
    );
    assert.ok(!settingsText().includes(DEV_ACCOUNT_KEY), 'the key is not in settings.json');

    await expandItem(view, LABEL);
    const tables = await waitUntil('the two exported tables', async () => {
      const rows = (await childrenOf(view, LABEL)).map((i) => i.label);
      return rows.length === 2 ? rows : undefined;
    });
    assert.deepEqual(tables, ['AlertInfo', 'DeviceProcessEvents']);

    await expandItem(view, 'DeviceProcessEvents');
    const days = await waitUntil('two days, newest first', async () => {
      const rows = (await childrenOf(view, 'DeviceProcessEvents')).map((i) => i.label);
      return rows.length === 2 ? rows : undefined;
    });
    assert.deepEqual(days, ['2026-12-01', '2026-11-30']);

    await expandItem(view, '2026-12-01');
    const hours = await waitUntil('two hours, newest first', async () => {
      const rows = (await childrenOf(view, '2026-12-01')).filter((i) => i.level === 4).map((i) => i.label);
      return rows.length === 2 ? rows : undefined;
    });
    assert.deepEqual(hours, ['10:00 UTC', '09:00 UTC']);

    await expandItem(view, '10:00 UTC');
    const blob = await waitUntil('the hour blob with its size', async () =>
      (await childrenOf(view, '10:00 UTC')).find((i) => i.label === 'PT1H.json'),
    );
    const size = [...newest, 'not a record'].reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
    assert.match(
      blob.description,
      new RegExp(`^${(size / 1024).toFixed(1).replace('.', '\\.')} KB · 20\\d\\d-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC · tenant ${TENANT}$`),
    );
    await wb.screenshot('storage-tree');
  });

  it('opens an hour blob as a read-only NDJSON document that validation checks', async () => {
    const wb = ctx.workbench;
    const view = wb.view('Storage Accounts');
    await view.click('PT1H.json');
    const doc = await wb.editor.document((e) => e.uri.startsWith('defender-storage:') && /h(=|%3D)10/.test(e.uri), 30_000);
    assert.ok(doc.uri.includes(containerOfTable('DeviceProcessEvents')), doc.uri);
    assert.ok(!doc.uri.includes(DEV_ACCOUNT_KEY) && !/sig=|AccountKey/i.test(doc.uri), 'no secret in the URI');
    assert.deepEqual(doc.text.split('\n'), [...newest, 'not a record']);
    assert.equal(doc.languageId, 'jsonl');
    await wb.editor.waitForTab('PT1H.json');

    // The validator's findings: the line that is not a record, and nothing on the generated records.
    const findings = await waitUntil('a finding on the last line of the blob', async () => {
      const mine = (await wb.probe.diagnostics()).filter((d) => d.uri === doc.uri);
      return mine.some((d) => d.range.start.line === newest.length) ? mine : undefined;
    });
    assert.ok(
      findings.every((d) => d.range.start.line === newest.length || d.severity !== 'error'),
      JSON.stringify(findings),
    );
    await wb.screenshot('storage-blob');
  });

  it('opens a larger blob cut at defenderStream.storage.openMaxLines, saying so on its first line', async () => {
    const wb = ctx.workbench;
    const view = wb.view('Storage Accounts');
    await view.collapse('10:00 UTC');
    await expandItem(view, '09:00 UTC');
    await waitUntil('the 09:00 blob', async () => (await childrenOf(view, '09:00 UTC')).find((i) => i.label === 'PT1H.json'));
    await view.click('PT1H.json');
    const doc = await wb.editor.document((e) => e.uri.startsWith('defender-storage:') && /h(=|%3D)09/.test(e.uri), 30_000);
    const lines = doc.text.split('\n');
    assert.equal(lines.length, MAX_LINES + 1);
    assert.match(lines[0], new RegExp(`^// Cut: the first ${MAX_LINES} lines \\(.+ of .+\\) of this blob are shown`));
    assert.deepEqual(lines.slice(1), big.slice(0, MAX_LINES));
  });

  it("tails a table's current hour in the Live Tail: appended lines, a line cut mid-write, a malformed line", async function () {
    // Not in the last four minutes of an hour: the journey's tails (and its reload) all read one hour's blob.
    this.timeout(420_000);
    await waitUntil('an hour with four minutes left', () => floorHour(Date.now() + 4 * 60_000) === floorHour(Date.now()), 300_000, 1000);
    const wb = ctx.workbench;
    const view = wb.view('Storage Accounts');
    await view.collapse('2026-12-01');
    liveHour = floorHour(Date.now());
    const append = async (tenant: string, text: string) => writer.append('DeviceProcessEvents', liveHour, text, tenant);
    // The other tenant's blob of this hour exists before the tail starts (a tenant is looked for once a minute).
    otherLines.push(...hourRecords('DeviceProcessEvents', liveHour, 1, 'other-0'));
    await append(OTHER_TENANT, `${otherLines[0]}\n`);

    const menu = await view.contextMenu('DeviceProcessEvents');
    const entries = await menu.items();
    assert.ok(entries.includes('Start Live Tail') && entries.includes('Tail to Editor'), JSON.stringify(entries));
    await menu.select('Start Live Tail');
    await waitForPrompt(wb, 'Where should the tail start reading?');
    // The one start picker, with the start of the current hour (a Storage tail's) after Latest.
    const starts = (await wb.quickInput.items()).map((i) => i.label);
    assert.deepEqual(starts.slice(0, 2), ['Latest', 'Start of the current hour'], JSON.stringify(starts));
    assert.ok(starts.includes('Earliest'), JSON.stringify(starts));
    await wb.quickInput.pick('Latest');
    await wb.editor.waitForTab(TAIL_TAB, 30_000);
    const tail = new LiveTailPage(wb, TAIL_TAB);
    await tail.waitLive(60_000);
    assert.match(await tail.buttonLabel('#start-position'), /^Reading from latest$/);

    // Three records appended to the current hour's blob (a blob the tail has not seen yet: it rolls over to it).
    const three = hourRecords('DeviceProcessEvents', liveHour, 3, 'live');
    liveLines.push(...three);
    await append(TENANT, three.map((l) => `${l}\n`).join(''));
    const offsets = [0, 1, 2].map((i) => three.slice(0, i).reduce((n, l) => n + Buffer.byteLength(l) + 1, 0));
    const mine = (rows: Awaited<ReturnType<LiveTailPage['rows']>>) => rows.filter((r) => r.partition.includes(`tenantId=${TENANT}/`));
    const rows = await tail.waitRows(3, 60_000, (r) => mine(r).length === 3);
    assert.deepEqual(
      mine(rows).map((r) => [r.table, r.seq, r.malformed]),
      offsets.map((seq) => ['DeviceProcessEvents', seq, false]),
    );
    assert.ok(
      mine(rows).every((r) => r.partition.startsWith(`${containerOfTable('DeviceProcessEvents')}/`)),
      JSON.stringify(rows[0]),
    );

    // A line cut mid-write: its first half, then (once the tail has surely read that half) the rest: one row.
    const cut = hourRecords('DeviceProcessEvents', liveHour, 1, 'cut')[0];
    const half = Math.floor(cut.length / 2);
    await append(TENANT, cut.slice(0, half));
    // Each line of the other tenant shows a poll that began after the one before it ended: after three, a
    // whole poll of both blobs has run since the half was written.
    for (let i = 1; i <= 3; i++) {
      const line = hourRecords('DeviceProcessEvents', liveHour, 1, `other-${i}`)[0];
      otherLines.push(line);
      await append(OTHER_TENANT, `${line}\n`);
      await tail.waitRows(1, 60_000, (r) => r.filter((row) => row.partition.includes(`tenantId=${OTHER_TENANT}/`)).length === i);
    }
    assert.equal(mine(await tail.rows()).length, 3, 'the half line is held, not shown');
    await append(TENANT, `${cut.slice(half)}\n`);
    liveLines.push(cut);
    const cutOffset = three.reduce((n, l) => n + Buffer.byteLength(l) + 1, 0);
    const whole = await tail.waitRows(1, 60_000, (r) => mine(r).length === 4);
    assert.deepEqual(
      mine(whole).map((r) => [r.seq, r.malformed]),
      [...offsets.map((seq) => [seq, false]), [cutOffset, false]],
    );

    // A line that is not a record: a malformed row, as on a hub.
    await append(TENANT, 'not a record either\n');
    const withMalformed = await tail.waitRows(1, 60_000, (r) => mine(r).length === 5);
    const last = mine(withMalformed)[4];
    assert.equal(last.malformed, true, JSON.stringify(last));
    assert.equal(last.seq, cutOffset + Buffer.byteLength(cut) + 1);
    await waitUntil('the malformed count', async () => (await tail.totals()).malformed === 1);
    await wb.screenshot('storage-live-tail');
  });

  it('tails the same table to an editor from the start of the current hour, as NDJSON lines', async () => {
    const wb = ctx.workbench;
    const view = wb.view('Storage Accounts');
    await (await view.contextMenu('DeviceProcessEvents')).select('Tail to Editor');
    await waitForPrompt(wb, 'Where (optional)');
    await wb.quickInput.submit('');
    await waitForPrompt(wb, 'Where should the tail start reading?');
    await wb.quickInput.pick('Start of the current hour');
    type Line = { table: string; partitionId: string; sequenceNumber: number; record: unknown };
    const parse = (text: string) =>
      text
        .split('\n')
        .filter((l) => l !== '')
        .map((l) => JSON.parse(l) as Line);
    const expected = liveLines.length + otherLines.length;
    const doc = await wb.editor.document((e) => e.uri.startsWith('defender-stream-tail:') && parse(e.text).length >= expected, 60_000);
    assert.match(decodeURIComponent(doc.uri), /Azurite-export-DeviceProcessEvents \(tail \d+\)\.ndjson$/);
    const lines = parse(doc.text);
    assert.ok(
      lines.every((l) => l.table === 'DeviceProcessEvents'),
      JSON.stringify(lines[0]),
    );
    const ofTenant = (tenant: string) => lines.filter((l) => l.partitionId.includes(`tenantId=${tenant}/`)).map((l) => l.record);
    // Every record of the hour (the malformed line is not a record: the editor gets records only).
    assert.deepEqual(
      ofTenant(TENANT),
      liveLines.map((l) => JSON.parse(l) as unknown),
    );
    assert.deepEqual(
      ofTenant(OTHER_TENANT),
      otherLines.map((l) => JSON.parse(l) as unknown),
    );

    // It keeps appending.
    const more = hourRecords('DeviceProcessEvents', liveHour, 1, 'editor')[0];
    await writer.append('DeviceProcessEvents', liveHour, `${more}\n`, TENANT);
    const after = await wb.editor.document((e) => e.uri === doc.uri && parse(e.text).length === expected + 1, 60_000);
    assert.deepEqual(parse(after.text).at(-1)?.record, JSON.parse(more) as unknown);
    await waitUntil('two tails in the status bar', async () => (await wb.statusBarTexts()).some((t) => /^2 tails: \d/.test(t)));
    await wb.screenshot('storage-tail-to-editor');
  });

  it("brings the table's Live Tail back after a reload (from the account's id and table), tailing again", async () => {
    const wb = ctx.workbench;
    await wb.editor.waitForTab(TAIL_TAB);
    await wb.reloadWindow();
    const tail = new LiveTailPage(wb, TAIL_TAB);
    await tail.waitLive(60_000);
    // A restored tail starts at latest: only what is appended now shows.
    const blob = writer.service.getContainerClient(containerOfTable('DeviceProcessEvents')).getBlobClient(hourBlobPath(TENANT, liveHour));
    const size = (await blob.getProperties()).contentLength ?? 0;
    await writer.append('DeviceProcessEvents', liveHour, `${hourRecords('DeviceProcessEvents', liveHour, 1, 'restored')[0]}\n`, TENANT);
    const rows = await tail.waitRows(1, 60_000, (r) => r.some((row) => row.seq === size));
    assert.deepEqual(
      rows.filter((r) => r.partition.includes(`tenantId=${TENANT}/`)).map((r) => [r.table, r.seq, r.malformed]),
      [['DeviceProcessEvents', size, false]],
    );
    await wb.activityBar.open('Defender Stream');
  });

  it("measures capacity from a table's hour blobs: the chosen complete hours, the same report as a hub's", async () => {
    const wb = ctx.workbench;
    const view = wb.view('Storage Accounts');
    // An hour of EmailEvents (a table no other step writes) two hours back: inside "Last 6 hours" even if
    // the hour turns while this runs; its exact bytes and lines.
    const lastHour = floorHour(Date.now()) - 2 * HOUR_MS;
    const lines = hourRecords('EmailEvents', lastHour, 12, 'capacity');
    const text = lines.map((l) => `${l}\n`).join('');
    await writer.append('EmailEvents', lastHour, text, TENANT);
    await wb.runCommand('Defender Stream: Refresh Storage Accounts');
    await expandItem(view, LABEL);
    await waitUntil('the EmailEvents table', async () => (await childrenOf(view, LABEL)).some((i) => i.label === 'EmailEvents'), 30_000);
    await (await view.contextMenu('EmailEvents')).select('Measure Capacity...');
    await wb.quickInput.waitOpen();
    assert.equal(await wb.quickInput.title(), `Measure Capacity: ${LABEL} / EmailEvents`);
    assert.deepEqual(
      (await wb.quickInput.items()).map((i) => i.label),
      ['Last hour', 'Last 6 hours', 'Last 24 hours', 'Last 7 days'],
    );
    await wb.quickInput.pick('Last 6 hours');
    await wb.notifications.waitFor(/^Measured 1 table of Azurite export \/ EmailEvents from 1 hour blob\.$/, 60_000);
    // The report is an untitled Markdown document (named after its first line), previewed beside it.
    const title = await waitUntil('the report tab', async () =>
      (await wb.editor.tabs()).map((t) => t.title).find((t) => t.startsWith('# Measured capacity: devstoreaccount1')),
    );
    await wb.editor.activateTab(title);
    const report = await wb.editor.document(
      (e) => e.languageId === 'markdown' && e.isUntitled && e.text.includes('Storage export'),
      30_000,
    );
    assert.match(
      report.text,
      /^# Measured capacity: devstoreaccount1 \(Storage export, 6 hours\)\n\nFrom 1 hour blob of Defender's Storage export/,
    );
    const kib = formatNumber(Buffer.byteLength(text) / 1024, 1).replace('.', '\\.');
    assert.match(report.text, new RegExp(`Measured for 21,600 s from .*: 12 events, 12 records, ${kib} KiB\\.`));
    assert.match(report.text, /\| `EmailEvents` \|/);
    assert.doesNotMatch(report.text, /DeviceProcessEvents/);
    await wb.screenshot('storage-capacity');
    await wb.runCommand('View: Close All Editors');
    await wb.activityBar.open('Defender Stream');
  });

  it("fills an Azurite at its default endpoint from the demo hub, shown as the demo's account while the demo runs", async () => {
    const wb = ctx.workbench;
    const view = wb.view('Storage Accounts');
    // The demo looks for Azurite where it listens by default, 127.0.0.1:10000 (one that runs already is used as is).
    const defaultAzurite = (await isListening('127.0.0.1', 10000)) ? undefined : await startAzurite(30_000, 10000);
    let stopped = false;
    try {
      await wb.runCommand('Defender Stream: Start Demo Hub');
      await view.item(DEMO_STORAGE, 60_000);
      assert.equal((await view.items()).find((i) => i.label === DEMO_STORAGE)?.description, '127.0.0.1:10000/devstoreaccount1');
      await expandItem(view, DEMO_STORAGE);
      // Containers appear as the demo's records of each table are first written (one append a second):
      // listed again until three tables, DeviceProcessEvents among them, are there.
      const tables = await waitUntil(
        "three of the demo's tables",
        async () => {
          const rows = (await childrenOf(view, DEMO_STORAGE)).map((i) => i.label);
          return rows.includes('DeviceProcessEvents') && rows.length >= 3
            ? rows
            : (await wb.runCommand('Defender Stream: Refresh Storage Accounts'), undefined);
        },
        60_000,
      );
      assert.ok(
        tables.every((t) => /^[A-Z][A-Za-z]+$/.test(t)),
        JSON.stringify(tables),
      );
      // Not a configured account: not in settings, and no Remove in its menu.
      assert.ok(!storageSettings().some((e) => e.blobEndpoint.includes(':10000/')), settingsText());
      const menu = await view.contextMenu(DEMO_STORAGE);
      const entries = await menu.items();
      await menu.close();
      assert.ok(entries.includes('Start Live Tail') && !entries.includes('Remove Storage Account'), JSON.stringify(entries));
      await wb.screenshot('storage-demo-azurite');
      await wb.runCommand('Defender Stream: Stop Demo Hub');
      await waitItemGone(view, DEMO_STORAGE);
      stopped = true;
    } finally {
      // Whatever failed above, the next steps get a workbench without the demo.
      if (!stopped) await wb.runCommand('Defender Stream: Stop Demo Hub').catch(() => undefined);
      await defaultAzurite?.stop();
    }
  });

  it('words a wrong key in the check and in the tree, and removes both accounts with their keys', async () => {
    const wb = ctx.workbench;
    const view = wb.view('Storage Accounts');
    const wrongKey = Buffer.from('not the key of devstoreaccount1, for the journey').toString('base64');
    await addByConnectionString(wb, azurite.connectionString.replace(DEV_ACCOUNT_KEY, wrongKey), WRONG_LABEL);
    const warning = await wb.notifications.waitFor(/The connection check failed/, 30_000);
    assert.match(warning.message, /The account key was rejected by "devstoreaccount1" \(403 AuthenticationFailed\)/);
    await wb.notifications.clickButton(/The connection check failed/, 'Save Anyway');
    await view.item(WRONG_LABEL, 30_000);
    await expandItem(view, WRONG_LABEL);
    const error = await waitUntil('the error item', async () => (await childrenOf(view, WRONG_LABEL))[0]);
    assert.match(error.label, /^The account key was rejected by "devstoreaccount1"/);
    assert.ok(!settingsText().includes(wrongKey), 'the wrong key is not in settings.json either');
    await wb.screenshot('storage-wrong-key');

    const removed = storageSettings().find((e) => e.label === LABEL);
    assert.ok(removed, settingsText());
    for (const label of [WRONG_LABEL, LABEL]) {
      const menu = await view.contextMenu(label);
      await menu.select('Remove Storage Account');
      const confirm = await wb.notifications.waitFor(new RegExp(`Remove "${label}"`));
      assert.match(confirm.message, /Its connection string is deleted from VS Code secret storage\./);
      await wb.notifications.clickButton(new RegExp(`Remove "${label}"`), 'Remove');
      await waitItemGone(view, label);
    }
    assert.deepEqual(storageSettings(), []);
    assert.ok(await view.showsWelcome());

    // Secret storage cannot be read from outside: the same entry (same id) put back by hand gets no key.
    await editUserSettingsJson(wb, (settings) => ({ ...settings, 'defenderStream.storageAccounts': [removed] }));
    await view.item(LABEL, 30_000);
    await expandItem(view, LABEL);
    const missing = await waitUntil('the "no key" item under the restored entry', async () => (await childrenOf(view, LABEL))[0]);
    assert.match(missing.label, /^No key is stored for "Azurite export": remove the storage account and add it again\.$/);

    const log = ctx.session.extensionLog();
    assert.ok(log.includes('Storage check failed'), 'the extension log was not found or is empty');
    assert.ok(!log.includes(wrongKey) && !/AccountKey=/.test(log), 'a key is in the extension log');
  });
});
