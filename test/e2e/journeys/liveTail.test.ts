// Journeys of issue 6 (live tail): a user starts a tail from the hubs tree on the demo hub and sees
// records arrive; filters to one table; inspects a record and opens it in an editor; exports the
// filtered records as NDJSON through the save dialog; filters with a where expression (an invalid one
// shows its reason); pauses (counting goes on, the list stands
// still) and resumes; tails to a read-only editor document. A record whose command line is HTML
// with a script handler shows as inert text and runs nothing.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { EventHubConsumerClient, EventHubProducerClient } from '@azure/event-hubs';
import type { Dialog } from 'playwright-core';
import { startLocalHub, type LocalHub } from '../../../src/localHub';
import { addHubByConnectionString, childrenOf, waitForPrompt, waitUntil } from '../support/hubFlows';
import { useWorkbench } from '../support/session';
import { LiveTailPage, type TailRow } from '../support/tailPage';

const DEMO_TAB = 'Live Tail: Demo (local) / defender-stream';
/** The most frequent table of the demo traffic, so a filtered list fills quickly. */
const TABLE = 'DeviceNetworkEvents';
const HOSTILE = '<img src=x onerror=alert(1)>';
const XSS_HUB = 'hostile-hub';

interface DefenderRecordJson {
  time?: string;
  category?: string;
  tenantId?: string;
  properties?: Record<string, unknown>;
}

/** RFC 4180: rows of cells (quoted cells may hold commas, quotes doubled and line breaks). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cellText = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cellText += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cellText += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cellText);
      cellText = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cellText);
      rows.push(row);
      row = [];
      cellText = '';
      i++;
    } else cellText += c;
  }
  assert.ok(row.length === 0 && cellText === '' && !quoted, 'the CSV ends with a whole row');
  return rows;
}

describe('Live tail: watch the demo hub', function () {
  const ctx = useWorkbench({ journey: 'live-tail', settings: { 'defenderStream.demo.rate': 60 } });
  const dialogs: Dialog[] = [];
  let tail: LiveTailPage;
  /** The records of the NDJSON export, as written. */
  let ndjsonRecords: DefenderRecordJson[] = [];

  it('starts a tail from the tree on the demo hub and rows appear', async () => {
    const wb = ctx.workbench;
    wb.page.on('dialog', (dialog) => {
      dialogs.push(dialog);
      void dialog.dismiss().catch(() => undefined);
    });
    await wb.activityBar.open('Defender Stream');
    const view = wb.view('Event Hubs');
    await view.clickWelcome('Start Demo Hub');
    await view.item('defender-stream', 60_000);
    // The tree redraws as each hub's status arrives; a menu opened meanwhile can lose its item.
    await waitUntil(
      'every demo hub to be connected',
      async () => {
        const hubs = (await childrenOf(view, 'Demo (local)')).filter((i) => i.level === 2);
        return hubs.length === 5 && hubs.every((h) => /partitions/.test(h.description));
      },
      30_000,
    );
    const menu = await view.contextMenu('defender-stream');
    const entries = await menu.items();
    assert.ok(entries.includes('Start Live Tail') && entries.includes('Tail to Editor'), JSON.stringify(entries));
    await menu.select('Start Live Tail');

    await wb.editor.waitForTab(DEMO_TAB, 30_000);
    tail = new LiveTailPage(wb, DEMO_TAB);
    await tail.waitLive();
    const rows = await tail.waitRows(5);
    assert.ok(
      rows.every((r) => r.table !== '' && /^\d\d:\d\d:\d\d\.\d{3}$/.test(r.time) && /^[0-3]$/.test(r.partition) && Number.isInteger(r.seq)),
      JSON.stringify(rows.slice(0, 3)),
    );
    const totals = await tail.totals();
    assert.ok(totals.received >= rows.length && totals.shown >= rows.length, JSON.stringify(totals));
    // Unfiltered, every row is a record received (none twice, e.g. after the page loaded mid-emit).
    assert.ok(totals.shown <= totals.received, JSON.stringify(totals));
    assert.match(await tail.buttonLabel('#start-position'), /^Reading from latest$/);
    // The time, table, partition and sequence columns fit their text in VS Code's own fonts (no ellipsis).
    const clipped = await (
      await tail.frame()
    )
      .locator('.grid-body .row .c-time, .grid-body .row .c-table, .grid-body .row .c-partition, .grid-body .row .c-seq')
      .evaluateAll((cells) => cells.filter((c) => c.scrollWidth > c.clientWidth).map((c) => `${c.className}: ${c.textContent ?? ''}`));
    assert.deepEqual(clipped, []);
    // The header's columns line up with the rows' (the header is in the UI font, the rows in the editor's).
    const lefts = await (
      await tail.frame()
    ).evaluate(() =>
      ['c-time', 'c-table', 'c-summary', 'c-partition', 'c-seq'].map((c) => {
        const header = document.querySelector(`.row.header .${c}`)?.getBoundingClientRect();
        const row = document.querySelector(`.grid-body .row .${c}`)?.getBoundingClientRect();
        return header && row ? Math.abs(header.left - row.left) + Math.abs(header.width - row.width) : -1;
      }),
    );
    assert.ok(
      lefts.every((d) => d >= 0 && d < 1),
      `header vs row offsets: ${lefts.join(', ')}`,
    );
    // The status bar shows the running tail.
    await waitUntil('the tail status bar item', async () => (await wb.statusBarTexts()).some((t) => /^Tail: \d/.test(t)));
    await wb.screenshot('tail-rows');
  });

  it('filters to one table and only its rows remain', async () => {
    // Unfiltered, the demo's mix of tables shows.
    await tail.waitRows(2, 30_000, (rs) => new Set(rs.map((r) => r.table)).size >= 3);
    await tail.filterTables([TABLE]);
    assert.equal(await tail.tablesButtonLabel(), `Table: ${TABLE}`);
    const rows = await tail.waitRows(3, 30_000, (rs) => rs.every((r) => r.table === TABLE));
    assert.ok(rows.every((r) => r.table === TABLE));
    // Still filtered as new records arrive; fewer shown than received.
    const before = await tail.totals();
    await waitUntil('more records to arrive', async () => (await tail.totals()).received > before.received + 20);
    const later = await tail.rows();
    assert.ok(later.length > 0 && later.every((r) => r.table === TABLE), JSON.stringify(later.map((r) => r.table)));
    const totals = await tail.totals();
    assert.ok(totals.shown > 0 && totals.shown < totals.received, JSON.stringify(totals));
    await ctx.workbench.screenshot('tail-filtered');
  });

  it('selects a row and shows its JSON, then opens it in an editor', async () => {
    const wb = ctx.workbench;
    // Scrolling up stops the auto-scroll: the rows in view stand still while records keep coming.
    await waitUntil('enough rows to scroll', async () => (await tail.totals()).shown > 60, 30_000);
    await tail.scrollUp();
    const received = (await tail.totals()).received;
    const rows = await tail.rows();
    await waitUntil('more records while scrolled up', async () => (await tail.totals()).received > received + 10);
    assert.deepEqual(await tail.rows(), rows, 'the list moved although the user scrolled up');
    const row = rows[Math.floor(rows.length / 2)];
    await tail.selectRow(row);
    assert.equal(await tail.detailTitle(), `${TABLE} · partition ${row.partition} · sequence ${row.seq}`);
    const shown = await tail.detailText();
    const record = JSON.parse(shown) as DefenderRecordJson;
    assert.equal(record.category, `AdvancedHunting-${TABLE}`);
    assert.equal(typeof record.properties?.DeviceName, 'string');
    // Pretty-printed, and the row's summary starts with the record's DeviceName.
    assert.match(shown, /^\{\n {2}"/);
    // Coloured (spans per token, text unchanged) and foldable with the keyboard.
    const f = await tail.frame();
    assert.ok((await f.locator('.detail-body .json-key').count()) > 5);
    assert.equal(await f.locator('.detail-body .json-string', { hasText: `"AdvancedHunting-${TABLE}"` }).count(), 1);
    const propertiesToggle = f
      .locator('.detail-body .json-key', { hasText: /^"properties"$/ })
      .locator('xpath=following-sibling::span[contains(@class, "json-fold")][1]/span[contains(@class, "json-toggle")]');
    const deviceName = f.locator('.detail-body .json-key', { hasText: /^"DeviceName"$/ });
    await propertiesToggle.focus();
    await wb.page.keyboard.press('Enter');
    await waitUntil('the properties to fold', async () => (await propertiesToggle.getAttribute('aria-expanded')) === 'false', 5000);
    assert.equal(await deviceName.isVisible(), false);
    await wb.screenshot('tail-detail-folded');
    await wb.page.keyboard.press('Enter');
    await waitUntil('the properties to unfold', async () => await deviceName.isVisible(), 5000);
    assert.equal(await tail.detailText(), shown, 'folding changes nothing of the text');
    assert.ok(row.summary.startsWith(String(record.properties?.DeviceName)), `${row.summary} / ${String(record.properties?.DeviceName)}`);
    await wb.screenshot('tail-detail', { readme: 'live-tail' });

    await tail.click('#detail-open');
    const editor = await wb.editor.document((e) => e.isUntitled && e.languageId === 'json', 20_000);
    assert.deepEqual(JSON.parse(editor.text), record);
    assert.equal(editor.text.trimEnd(), shown.trimEnd());
    await wb.screenshot('tail-open-in-editor');
    // Done with it: close it without saving (the panel gets the whole width back).
    await wb.runCommand('View: Revert and Close Editor');
    await waitUntil('the untitled editor to close', async () => !(await wb.editor.tabs()).some((t) => t.title.startsWith('Untitled')));
  });

  it('exports the filtered records to NDJSON through the save dialog', async () => {
    const wb = ctx.workbench;
    await tail.click('#export-ndjson');
    // code-server's own (simple) save dialog: a quick input holding the proposed path.
    await waitForPrompt(wb, 'Export ');
    // It shows the folder first, then fills in the proposed file name.
    const proposed = await waitUntil(
      'the proposed file name',
      async () => {
        const value = await wb.quickInput.value();
        return /\/defender-stream-[\d-T]+\.defender\.ndjson$/.test(value) ? value : undefined;
      },
      10_000,
    );
    assert.ok(proposed.startsWith(ctx.session.workspace), `${proposed} is not in the workspace folder`);
    await wb.quickInput.input.press('Enter');
    await wb.quickInput.waitClosed();

    const notice = await waitUntil('the export notice', async () => {
      const text = await tail.notice();
      return /^Exported \d+ records? to /.test(text) ? text : undefined;
    });
    const [, exported, file] = /^Exported (\d+) records? to (.+)\.$/.exec(notice) ?? [];
    assert.equal(file, proposed);
    assert.ok(existsSync(file), `${file} was not written`);
    const content = readFileSync(file, 'utf8');
    assert.ok(content.endsWith('\n'));
    const lines = content.slice(0, -1).split('\n');
    assert.equal(lines.length, Number(exported));
    ndjsonRecords = lines.map((line) => JSON.parse(line) as DefenderRecordJson);
    for (const [i, rec] of ndjsonRecords.entries()) assert.equal(rec.category, `AdvancedHunting-${TABLE}`, lines[i].slice(0, 200));
    await wb.screenshot('tail-exported');
  });

  it('exports the filtered records to CSV through the save dialog: a header, then one row per record, values as received', async () => {
    const wb = ctx.workbench;
    await tail.click('#export-csv');
    await waitForPrompt(wb, 'Export ');
    const proposed = await waitUntil(
      'the proposed CSV file name',
      async () => {
        const value = await wb.quickInput.value();
        return /\/defender-stream-[\d-T]+\.csv$/.test(value) ? value : undefined;
      },
      10_000,
    );
    assert.ok(proposed.startsWith(ctx.session.workspace), `${proposed} is not in the workspace folder`);
    await wb.quickInput.input.press('Enter');
    await wb.quickInput.waitClosed();
    const notice = await waitUntil('the CSV export notice', async () => {
      const text = await tail.notice();
      return /^Exported \d+ records? to .+\.csv\.$/.test(text) ? text : undefined;
    });
    const [, count, file] = /^Exported (\d+) records? to (.+)\.$/.exec(notice) ?? [];
    assert.equal(file, proposed);
    const content = readFileSync(file, 'utf8');
    assert.ok(content.endsWith('\r\n'), 'CRLF line ends');
    const [header, ...rows] = parseCsv(content);
    assert.deepEqual(header.slice(0, 3), ['time', 'category', 'tenantId']);
    assert.ok(header.includes('ActionType') && header.includes('RemoteIP') && header.includes('ReportId'), header.join(','));
    assert.equal(rows.length, Number(count));
    assert.ok(rows.length >= ndjsonRecords.length, `${rows.length} CSV rows, ${ndjsonRecords.length} exported as NDJSON before`);
    for (const row of rows) {
      assert.equal(row.length, header.length, row.join(','));
      assert.equal(row[1], `AdvancedHunting-${TABLE}`);
    }
    // Every record of the NDJSON export a moment ago is a row, each value as the record carries it.
    const cell = (value: unknown): string =>
      value === undefined || value === null
        ? ''
        : typeof value === 'string'
          ? /^[=+\-@\t\r]/.test(value)
            ? `'${value}`
            : value
          : typeof value === 'object'
            ? JSON.stringify(value)
            : String(value);
    const byKey = new Map(rows.map((row) => [`${row[0]}|${row[header.indexOf('ReportId')]}`, row]));
    for (const rec of ndjsonRecords) {
      const props = rec.properties ?? {};
      const row = byKey.get(`${rec.time}|${cell(props.ReportId)}`);
      assert.ok(row, `record ${rec.time} ${String(props.ReportId)} is not a CSV row`);
      assert.deepEqual(row.slice(0, 3), [rec.time, rec.category, rec.tenantId]);
      for (const [i, name] of header.entries())
        if (i >= 3) assert.equal(row[i], cell(props[name]), `${name} of ${rec.time} ${String(props.ReportId)}`);
    }
    await wb.screenshot('tail-exported-csv');
  });

  it('filters by a where expression; an invalid one shows its reason and keeps the previous filter', async () => {
    await tail.applyWhere('ActionType == "ConnectionFailed"');
    const rows = await tail.waitRows(2, 60_000, (rs) => rs.every((r) => / ConnectionFailed /.test(` ${r.summary} `)));
    assert.ok(rows.every((r) => r.table === TABLE));
    const shown = (await tail.totals()).shown;
    await tail.applyWhere('ActionType == "ConnectionFailed" and RemotePort >');
    await waitUntil('the reason under the where box', async () => (await tail.whereProblem()) === "expected a value after '>'", 10_000);
    await ctx.workbench.screenshot('tail-where-invalid');
    // The previous filter stays: still only failed connections, and the count does not drop.
    const later = await tail.rows();
    assert.ok(
      later.length > 0 && later.every((r) => / ConnectionFailed /.test(` ${r.summary} `)),
      JSON.stringify(later.map((r) => r.summary)),
    );
    assert.ok((await tail.totals()).shown >= shown);
    await tail.applyWhere('');
    await waitUntil('the reason to go', async () => (await tail.whereProblem()) === '', 10_000);
    await tail.waitRows(3, 60_000, (rs) => rs.some((r) => !/ ConnectionFailed /.test(` ${r.summary} `)));
  });

  it('chooses the columns of the table in view (kept for the hub), and completes column names in the where box', async () => {
    const wb = ctx.workbench;
    const chosen = ['Time', 'Table', 'RemotePort', 'ActionType', 'Summary', 'Partition', 'Sequence'];
    await tail.chooseColumns(['RemotePort', 'ActionType'], [], 'RemotePort, ActionType, Summary');
    await waitUntil('the chosen columns in the grid', async () => JSON.stringify(await tail.headers()) === JSON.stringify(chosen), 10_000);
    await waitUntil(
      'rows with the chosen columns',
      async () => {
        const ports = await tail.columnCells('RemotePort');
        const actions = await tail.columnCells('ActionType');
        return ports.length > 2 && ports.every((p) => /^\d+$/.test(p)) && actions.every((a) => /^[A-Za-z]+$/.test(a));
      },
      30_000,
    );
    await wb.screenshot('tail-columns');

    // Kept by the extension for this hub: a page that loads again (hidden, then shown) shows them.
    await (await tail.frame()).evaluate(() => ((window as unknown as { loadedBefore: boolean }).loadedBefore = true));
    await wb.runCommand('File: New Untitled Text File');
    await waitUntil('an untitled editor in front of the tail', async () =>
      (await wb.editor.tabs()).some((t) => t.title.startsWith('Untitled') && t.active),
    );
    await wb.runCommand('View: Revert and Close Editor');
    await waitUntil('the untitled editor to close', async () => !(await wb.editor.tabs()).some((t) => t.title.startsWith('Untitled')));
    await waitUntil(
      'the chosen columns in the page loaded again',
      async () =>
        (await (await tail.frame()).evaluate(() => (window as unknown as { loadedBefore?: boolean }).loadedBefore)) === undefined &&
        JSON.stringify(await tail.headers()) === JSON.stringify(chosen),
      15_000,
    );
    await tail.waitRows(1);

    // The where box completes the names of the table's columns (Tab takes the highlighted one).
    await tail.typeInWhere('RemoteP');
    await waitUntil('"RemotePort" offered', async () => (await tail.whereCompletions()).includes('RemotePort'), 5000);
    await wb.page.keyboard.press('Tab');
    await waitUntil(
      'the name taken',
      async () => (await tail.whereValue()) === 'RemotePort' && (await tail.whereCompletions()).length === 0,
      5000,
    );
    await wb.page.keyboard.type(' > 0 and Act');
    await waitUntil('"ActionType" offered', async () => (await tail.whereCompletions())[0] === 'ActionType', 5000);
    await wb.page.keyboard.press('ArrowDown');
    await wb.page.keyboard.press('ArrowUp');
    await wb.page.keyboard.press('Enter');
    await waitUntil('the name taken with Enter', async () => (await tail.whereValue()) === 'RemotePort > 0 and ActionType', 5000);
    await wb.page.keyboard.type(' != ""');
    await wb.page.keyboard.press('Enter');
    await waitUntil(
      'the filter to apply',
      async () => (await tail.whereProblem()) === '' && (await tail.columnCells('RemotePort')).length > 0,
      10_000,
    );
    await tail.applyWhere('');

    // Summary alone: back to the default.
    await tail.chooseColumns([], ['RemotePort', 'ActionType']);
    await waitUntil(
      'the summary column again',
      async () => (await tail.headers()).join() === 'Time,Table,Summary,Partition,Sequence',
      10_000,
    );
  });

  it('pauses (the list stands still, counting goes on) and resumes', async () => {
    const wb = ctx.workbench;
    await tail.click('#pause');
    await waitUntil(
      'the pause to take effect',
      async () => (await tail.buttonLabel('#pause')) === 'Resume' && /\(paused\)$/.test(await tail.connectionState()),
    );
    const frozen = await tail.totals();
    const frozenRows = await tail.rows();
    await waitUntil('records to be counted while paused', async () => (await tail.totals()).received >= frozen.received + 30, 30_000);
    const paused = await tail.totals();
    assert.equal(paused.shown, frozen.shown, 'the list grew while paused');
    assert.deepEqual(await tail.rows(), frozenRows);
    await wb.screenshot('tail-paused');

    await tail.click('#pause');
    await waitUntil(
      'the list to catch up after Resume',
      async () => (await tail.buttonLabel('#pause')) === 'Pause' && (await tail.totals()).shown > frozen.shown,
      20_000,
    );
    assert.equal(await tail.connectionState(), 'Live');
  });

  it('tails to a read-only editor document as NDJSON', async () => {
    const wb = ctx.workbench;
    const view = wb.view('Event Hubs');
    await (await view.contextMenu('defender-stream')).select('Tail to Editor');
    await waitForPrompt(wb, 'Tables to show');
    await wb.quickInput.pickMany([TABLE]);
    await waitForPrompt(wb, 'Where (optional)');
    await wb.quickInput.submit('ActionType != "ConnectionSuccess"');
    // Always asked, the setting's position (latest) first.
    await waitForPrompt(wb, 'Where should the tail start reading?');
    assert.deepEqual(
      (await wb.quickInput.allItems()).map((i) => i.label),
      ['Latest', 'Last 15 minutes', 'Last hour', 'Earliest', 'A time...', 'Sequence numbers...', 'Offsets...', 'A time window...'],
    );
    await wb.quickInput.pick('Latest');
    const doc = await wb.editor.document((e) => e.uri.startsWith('defender-stream-tail:') && e.lineCount >= 6, 60_000);
    assert.match(decodeURIComponent(doc.uri), /defender-stream \(tail \d+\)\.ndjson$/);
    const lines = doc.text.split('\n').filter((l) => l !== '');
    for (const line of lines) {
      const parsed = JSON.parse(line) as { table: string; partitionId: string; sequenceNumber: number; record: DefenderRecordJson };
      assert.equal(parsed.table, TABLE);
      assert.equal(parsed.record.category, `AdvancedHunting-${TABLE}`);
      assert.notEqual(parsed.record.properties?.ActionType, 'ConnectionSuccess');
      assert.ok(Number.isInteger(parsed.sequenceNumber));
    }
    // It keeps appending.
    await wb.editor.document((e) => e.uri === doc.uri && e.lineCount > doc.lineCount + 2, 30_000);
    await waitUntil('two tails in the status bar', async () => (await wb.statusBarTexts()).some((t) => /^2 tails: \d/.test(t)));
    await wb.screenshot('tail-to-editor');
    // Read-only: typing changes nothing.
    await wb.editor.type('TYPED-BY-THE-TEST');
    await waitUntil(
      'the read-only message',
      async () =>
        (
          (await wb.page
            .locator('.monaco-editor-overlaymessage')
            .textContent()
            .catch(() => '')) ?? ''
        ).includes('read-only'),
      5000,
    );
    assert.ok(!(await wb.editor.text()).includes('TYPED-BY-THE-TEST'));

    // Closing the document stops its tail: one tail left.
    await wb.runCommand('View: Close Editor');
    await waitUntil('one tail in the status bar', async () => (await wb.statusBarTexts()).some((t) => /^Tail: \d/.test(t)), 15_000);
    // The Live Tail panel is the active editor again: its page reloads and then takes the focus, which
    // would close a quick input opened meanwhile. Let it load, then give the focus back to the workbench.
    await tail.waitLive();
    await wb.focusSideBar();
  });

  it('tails a time window to an editor: the records of that window, then it stops by itself and says so', async () => {
    const wb = ctx.workbench;
    const view = wb.view('Event Hubs');
    const from = new Date(Date.now() - 5000);
    await (await view.contextMenu('defender-stream')).select('Tail to Editor');
    await waitForPrompt(wb, 'Tables to show');
    await wb.quickInput.pickMany([TABLE]);
    await waitForPrompt(wb, 'Where (optional)');
    await wb.quickInput.submit('');
    await waitForPrompt(wb, 'Where should the tail start reading?');
    await wb.quickInput.pick('A time window...');
    await waitForPrompt(wb, 'From: an ISO time');
    await wb.quickInput.submit(from.toISOString());
    await waitForPrompt(wb, 'Until: a time, or a number of matches');
    const until = new Date();
    await wb.quickInput.submit(until.toISOString());
    const done = await wb.notifications.waitFor(
      /^Tail of defender-stream: the time window is read \(\d+ records\); the tail stopped\.$/,
      60_000,
    );
    const count = Number(/\((\d+) records\)/.exec(done.message)?.[1]);
    assert.ok(count > 0, done.message);
    // The window's records, and only those: the table chosen, enqueued from its start until its end.
    const doc = await wb.editor.document((e) => e.uri.startsWith('defender-stream-tail:') && e.lineCount >= count, 30_000);
    const lines = doc.text.split('\n').filter((l) => l !== '');
    assert.equal(lines.length, count);
    for (const line of lines) {
      const parsed = JSON.parse(line) as { table: string; enqueuedTime: string; record: DefenderRecordJson };
      assert.equal(parsed.table, TABLE);
      const at = Date.parse(parsed.enqueuedTime);
      assert.ok(
        at >= from.getTime() && at <= until.getTime(),
        `${parsed.enqueuedTime} is outside ${from.toISOString()}..${until.toISOString()}`,
      );
    }
    // Stopped: the status bar counts only the Live Tail panel's tail, and the document stands still.
    await waitUntil('one tail in the status bar', async () => (await wb.statusBarTexts()).some((t) => /^Tail: \d/.test(t)), 15_000);
    assert.ok(!(await wb.statusBarTexts()).some((t) => /^2 tails/.test(t)));
    await wb.screenshot('tail-to-editor-window');
    assert.equal((await wb.editor.document((e) => e.uri === doc.uri)).lineCount, doc.lineCount);
    await wb.runCommand('View: Close Editor');
    await waitUntil('the window document to close', async () => !(await wb.editor.tabs()).some((t) => t.title.includes('(tail ')));
    await tail.waitLive();
    await wb.focusSideBar();
  });

  describe('with a hostile record', function () {
    let hub: LocalHub;
    before(async () => {
      hub = await startLocalHub({ hubs: [{ name: XSS_HUB, partitionCount: 1 }] });
    });
    after(() => hub?.stop());

    it('shows HTML in a record as text and runs no script', async () => {
      const wb = ctx.workbench;
      await addHubByConnectionString(wb, { connectionString: hub.connectionStringFor(XSS_HUB), label: 'Hostile' });
      const view = wb.view('Event Hubs');
      await waitUntil(
        'the hostile hub to be connected',
        async () => /1 partition/.test((await view.items()).find((i) => i.label === XSS_HUB)?.description ?? ''),
        30_000,
      );
      // From the palette, choosing the hub: adding a namespace redraws the whole tree once its settings
      // change arrives, and an inline action clicked while VS Code re-reads the tree runs without its row.
      await wb.runCommand('Defender Stream: Start Live Tail');
      await wb.quickInput.waitOpen();
      await wb.quickInput.pick(XSS_HUB);
      const page = new LiveTailPage(wb, `Live Tail: Hostile / ${XSS_HUB}`);
      await page.waitLive();
      // Would a handler run, it would call alert (also in this frame, where dialogs are blocked by the sandbox).
      const frame = await page.frame();
      await frame.evaluate(() => {
        const w = window as unknown as { __alerts: unknown[]; alert: (m?: unknown) => void };
        w.__alerts = [];
        w.alert = (m?: unknown) => void w.__alerts.push(m);
      });

      const record = {
        time: new Date().toISOString(),
        tenantId: '00000000-0000-0000-0000-000000000000',
        operationName: 'Publish',
        category: 'AdvancedHunting-DeviceProcessEvents',
        properties: {
          Timestamp: new Date().toISOString(),
          DeviceName: '<b>wks-hostile</b>',
          ActionType: 'ProcessCreated',
          FileName: '<script>alert(2)</script>',
          ProcessCommandLine: HOSTILE,
        },
      };
      // Sent again until it shows: "Live" may come a moment before every partition link reads from its end.
      const producer = new EventHubProducerClient(hub.connectionStringFor(XSS_HUB));
      let row: TailRow;
      try {
        row = await waitUntil(
          'the hostile record in the list',
          async () => {
            // As Defender sends it: the UTF-8 bytes of {"records": [...]}.
            if ((await page.rows()).length === 0)
              await producer.sendBatch([{ body: Buffer.from(JSON.stringify({ records: [record] }), 'utf8') }]);
            return (await page.rows())[0];
          },
          30_000,
          1500,
        );
      } finally {
        await producer.close();
      }
      assert.equal(row.table, 'DeviceProcessEvents');
      assert.equal(row.summary, `<b>wks-hostile</b> · ProcessCreated · <script>alert(2)</script> · ${HOSTILE}`);
      await page.selectRow(row);
      const detail = await page.detailText();
      assert.ok(detail.includes(`"ProcessCommandLine": "${HOSTILE}"`), detail);

      const f = await page.frame();
      // Shown literally: the text is on screen, and no element was made of it.
      assert.ok(await f.locator('.grid-body .c-summary').getByText(HOSTILE, { exact: false }).first().isVisible());
      assert.ok(await f.locator('.detail-body').getByText(HOSTILE, { exact: false }).isVisible());
      assert.equal(await f.locator('img').count(), 0);
      assert.equal(await f.locator('b').count(), 0);
      assert.equal(await f.locator('script', { hasText: 'alert' }).count(), 0);

      // A message that is not Defender's shape shows as a malformed row with a raw preview: also text.
      const sender = new EventHubProducerClient(hub.connectionStringFor(XSS_HUB));
      try {
        await sender.sendBatch([{ body: Buffer.from(`not json ${HOSTILE}`, 'utf8') }]);
      } finally {
        await sender.close();
      }
      const malformed = await waitUntil('the malformed row', async () => (await page.rows()).find((r) => r.malformed));
      assert.equal(malformed.table, 'Malformed');
      assert.ok(malformed.summary.includes(HOSTILE), malformed.summary);
      assert.equal((await page.totals()).malformed, 1);

      assert.equal(await f.locator('img').count(), 0);
      assert.deepEqual(await f.evaluate(() => (window as unknown as { __alerts: unknown[] }).__alerts), []);
      assert.equal(dialogs.length, 0, `dialogs: ${dialogs.map((d) => d.message()).join(', ')}`);
      await wb.screenshot('tail-hostile-record');
    });

    it('sending events to a hub that is not the demo asks first, naming the hub: Cancel sends nothing, Send sends', async function () {
      this.timeout(120_000);
      const wb = ctx.workbench;
      const consumer = new EventHubConsumerClient('$Default', hub.connectionStringFor(XSS_HUB));
      const sequence = async () => (await consumer.getPartitionProperties('0')).lastEnqueuedSequenceNumber;
      try {
        const before = await sequence();
        const sendThree = async (): Promise<string> => {
          await wb.runCommand('Defender Stream: Send Events to Hub...');
          await waitForPrompt(wb, 'Choose an event hub');
          await wb.quickInput.pick(XSS_HUB);
          await waitForPrompt(wb, 'What should be sent?');
          await wb.quickInput.pick('Demo traffic...');
          await waitForPrompt(wb, 'Choose one or more Advanced Hunting tables');
          await wb.quickInput.pickMany(['EmailEvents']);
          await waitForPrompt(wb, 'How many events');
          await wb.quickInput.submit('3');
          await waitForPrompt(wb, 'events per second');
          await wb.quickInput.submit('');
          const dialog = wb.page.locator('.monaco-dialog-box');
          await dialog.waitFor({ state: 'visible', timeout: 20_000 });
          return ((await dialog.textContent()) ?? '').replace(/\s+/g, ' ');
        };
        const button = (label: string) =>
          wb.page.locator('.monaco-dialog-box .dialog-buttons .monaco-button').getByText(label, { exact: true });

        const asked = await sendThree();
        assert.ok(asked.includes(`Send 3 events from demo traffic of EmailEvents to "${XSS_HUB}" on 127.0.0.1:${hub.port}?`), asked);
        assert.ok(asked.includes('Every application that reads this hub will receive them.'), asked);
        await wb.screenshot('send-confirm');
        await button('Cancel').click();
        await wb.page.locator('.monaco-dialog-box').waitFor({ state: 'hidden' });

        // Confirmed this time: exactly three more events (the cancelled send added none).
        await sendThree();
        await button('Send').click();
        await wb.notifications.waitFor(`Sent 3 of 3 events to "${XSS_HUB}" on 127.0.0.1:${hub.port}.`, 60_000);
        assert.equal(await sequence(), before + 3);
        // The open Live Tail of that hub shows them.
        const page = new LiveTailPage(wb, `Live Tail: Hostile / ${XSS_HUB}`);
        const rows = await page.waitRows(1, 30_000, (rs) => rs.filter((r) => r.table === 'EmailEvents').length >= 3);
        assert.ok(rows.filter((r) => r.table === 'EmailEvents').length >= 3, JSON.stringify(rows));
      } finally {
        await consumer.close();
      }
    });

    it('a burst larger than one post: the newest show, the rest count as passed over, and Pause shows the whole buffer', async function () {
      this.timeout(120_000);
      const wb = ctx.workbench;
      const page = new LiveTailPage(wb, `Live Tail: Hostile / ${XSS_HUB}`);
      await page.waitLive();
      const before = await page.totals();
      // One message of 1,200 records: they arrive together, more than the panel is sent at a time (250).
      const BURST = 1200;
      const time = new Date().toISOString();
      const records = Array.from({ length: BURST }, (_, i) => ({
        time,
        tenantId: '00000000-0000-0000-0000-000000000000',
        operationName: 'Publish',
        category: 'AdvancedHunting-DeviceProcessEvents',
        properties: { Timestamp: time, DeviceName: `burst-${i + 1}`, ActionType: 'ProcessCreated', FileName: 'cmd.exe' },
      }));
      const producer = new EventHubProducerClient(hub.connectionStringFor(XSS_HUB));
      try {
        await producer.sendBatch([{ body: Buffer.from(JSON.stringify({ records }), 'utf8') }]);
      } finally {
        await producer.close();
      }
      const f = await page.frame();
      const passedOver = await waitUntil(
        'the passed-over count',
        async () =>
          (await f.locator('#total-skipped').isVisible()) &&
          Number(((await f.locator('#total-skipped').textContent()) ?? '').replace(/,/g, '')),
        30_000,
      );
      assert.ok(passedOver >= BURST - 250, `passed over ${passedOver}`);
      await waitUntil('the burst to be counted', async () => (await page.totals()).received === before.received + BURST);
      // The page follows the end: the newest record of the burst is in view.
      await page.waitRows(1, 30_000, (rows) => rows.some((r) => r.summary.startsWith('burst-1200 ·')));
      await wb.screenshot('tail-passed-over');

      await page.click('#pause');
      await waitUntil(
        'Pause to show the whole buffer',
        async () => (await page.buttonLabel('#pause')) === 'Resume' && (await page.totals()).shown >= before.shown + BURST,
        30_000,
      );
      assert.equal(await f.locator('#total-skipped').isVisible(), false, 'nothing is passed over in the whole buffer');
      await page.click('#pause');
      await waitUntil('Resume', async () => (await page.buttonLabel('#pause')) === 'Pause');
    });
  });
});
