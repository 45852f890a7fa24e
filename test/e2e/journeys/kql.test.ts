// Journey: a user preparing Defender streaming asks for the documented KQL. They insert the getschema
// query for DeviceProcessEvents into an empty editor (typing its name and pressing Enter with nothing
// checked) and get exactly the documented text; they insert the capacity estimation query and tab
// through its two placeholders (record size, look-back); they
// start the demo hub, measure it for the shortest duration and read a report listing its tables; they
// send five events of demo traffic to the demo hub.
import assert from 'node:assert/strict';
import { waitForPrompt, waitUntil } from '../support/hubFlows';
import { useWorkbench } from '../support/session';
import { closeAllEditorsDiscarding, reportTableRows, waitForSuggestWidgetHidden } from '../support/kqlHelpers';

const CAPACITY_TAIL =
  '| summarize count() by bin(Timestamp, 1m), MDTables\n' +
  '| extend EPS = count_ /60\n' +
  '| summarize avg(EPS), estimatedMBPerSec = (avg(EPS) * bytes_ ) / (1024*1024) by MDTables\n' +
  '| sort by toint(estimatedMBPerSec) desc';

/** The busiest tables of the demo's traffic mix: each sends dozens of records in 15 s at 50 records/s. */
const BUSY_DEMO_TABLES = ['DeviceNetworkEvents', 'DeviceProcessEvents', 'DeviceFileEvents'];

describe('KQL: insert the documented queries and measure capacity', function () {
  const ctx = useWorkbench({ journey: 'kql' });

  it('inserts the getschema query for DeviceProcessEvents into an empty editor', async () => {
    const wb = ctx.workbench;
    await wb.runCommand('File: New Untitled Text File');
    const empty = await wb.editor.document((e) => e.isUntitled);
    assert.equal(empty.text, '');

    await wb.runCommand('Defender Stream: Insert getschema Query');
    await wb.quickInput.waitOpen();
    assert.equal(await wb.quickInput.title(), 'Insert getschema Query');
    // Nothing checked: typing highlights the table, and Enter takes the highlighted one (#19).
    await wb.quickInput.fill('DeviceProcessEvents');
    await waitUntil('the typed table to be highlighted', async () =>
      (await wb.quickInput.items()).some((i) => i.focused && i.label === 'DeviceProcessEvents'),
    );
    assert.deepEqual(await wb.quickInput.checkedItems(), []);
    await wb.quickInput.input.press('Enter');
    await wb.quickInput.waitClosed();

    const doc = await wb.editor.document((e) => e.uri === empty.uri && e.text !== '');
    assert.equal(doc.text, 'DeviceProcessEvents | getschema | project ColumnName, ColumnType');
    assert.deepEqual(await wb.editor.visibleLines(), ['DeviceProcessEvents | getschema | project ColumnName, ColumnType']);
    await wb.screenshot('getschema');
  });

  it('inserts the capacity estimation query and tabs through its placeholders', async () => {
    const wb = ctx.workbench;
    // No editor open: the query goes into a new untitled KQL document.
    await closeAllEditorsDiscarding(wb);
    await wb.runCommand('Defender Stream: Insert Capacity Estimation Query');
    await wb.quickInput.waitOpen();
    assert.equal(await wb.quickInput.title(), 'Insert Capacity Estimation Query');
    await wb.quickInput.pick('All tables');
    await wb.quickInput.waitClosed();

    const inserted = await wb.editor.document((e) => e.isUntitled && e.text.startsWith('let bytes_ = 500;'));
    assert.equal(inserted.languageId, 'kql');
    assert.equal(inserted.text, `let bytes_ = 500;\nunion withsource=MDTables*\n| where Timestamp > startofday(ago(6h))\n${CAPACITY_TAIL}`);
    await wb.screenshot('capacity-query-inserted');

    // The record size (placeholder 1) is selected: typing replaces it; Tab selects the look-back window.
    await wb.page.keyboard.type('1200');
    await waitForSuggestWidgetHidden(wb.page);
    await wb.page.keyboard.press('Tab');
    await wb.page.keyboard.type('1d');
    await waitForSuggestWidgetHidden(wb.page);
    await wb.page.keyboard.press('Tab'); // to the end of the snippet: snippet mode ends
    await wb.page.keyboard.type('\n| take 5');

    const edited = await wb.editor.document((e) => e.uri === inserted.uri && e.text.endsWith('| take 5'));
    assert.equal(
      edited.text,
      `let bytes_ = 1200;\nunion withsource=MDTables*\n| where Timestamp > startofday(ago(1d))\n${CAPACITY_TAIL}\n| take 5`,
    );
    await wb.screenshot('capacity-query');
  });

  it('measures the demo hub and opens a report that lists its tables', async function () {
    this.timeout(180_000);
    const wb = ctx.workbench;
    await closeAllEditorsDiscarding(wb);
    await wb.runCommand('Defender Stream: Start Demo Hub');
    await wb.activityBar.open('Defender Stream');
    await wb.view('Event Hubs').item('Demo (local)', 60_000);

    await wb.runCommand('Defender Stream: Measure Capacity...');
    await wb.quickInput.waitOpen();
    assert.equal(await wb.quickInput.title(), 'Choose an event hub');
    await wb.quickInput.pick('defender-stream');
    await wb.quickInput.waitOpen();
    assert.equal(await wb.quickInput.title(), 'Measure Capacity: Demo (local) / defender-stream');
    const durations = (await wb.quickInput.items()).map((i) => i.label);
    assert.deepEqual(durations, ['15 seconds', '30 seconds', '60 seconds', '5 minutes']);
    await wb.quickInput.pick('15 seconds');
    await wb.notifications.waitFor(/Measuring Demo \(local\) \/ defender-stream/, 30_000);
    await wb.screenshot('measuring');

    // The report: an untitled Markdown document, previewed beside it.
    const done = await wb.notifications.waitFor(
      /^Measured \d+ tables on Demo \(local\) \/ defender-stream: \d+ throughput units? for a single hub\.$/,
      90_000,
    );
    assert.deepEqual(done.buttons, ['Insert Measured Capacity Query']);
    const preview = (await wb.editor.tabs()).find((t) => t.title.startsWith('Preview '));
    assert.ok(preview, JSON.stringify(await wb.editor.tabs()));
    const frame = await wb.webview(preview.title, { selector: 'table td' });
    assert.equal(((await frame.locator('h1').first().textContent()) ?? '').trim(), 'Measured capacity: Demo (local) / defender-stream');
    const previewRows = await frame
      .locator('table')
      .first()
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((td) => (td.textContent ?? '').trim())));
    for (const table of BUSY_DEMO_TABLES) {
      const row = previewRows.find((cells) => cells[0] === table);
      assert.ok(row, `${table} is not in the preview's table: ${JSON.stringify(previewRows)}`);
      assert.equal(row.length, 7, JSON.stringify(row));
      for (const cell of row.slice(1, 5)) assert.match(cell, /^\d[\d,]*(\.\d+)?$/, `${table}: ${JSON.stringify(row)}`);
      assert.ok(Number(row[1].replace(/,/g, '')) > 0, `${table} shows no records/s: ${JSON.stringify(row)}`);
      assert.ok(Number(row[4].replace(/,/g, '')) > 100, `${table} shows an implausible record size: ${JSON.stringify(row)}`);
    }
    await wb.screenshot('capacity-report', { readme: 'capacity-report' });

    // The Markdown source says the same.
    // An untitled document is named after its first line.
    const source = (await wb.editor.tabs()).find((t) => t.title.startsWith('# Measured capacity: Demo (local)'));
    assert.ok(source, JSON.stringify(await wb.editor.tabs()));
    await wb.editor.activateTab(source.title);
    const report = await wb.editor.document((e) => e.languageId === 'markdown' && e.isUntitled);
    assert.match(
      report.text,
      /^# Measured capacity: Demo \(local\) \/ defender-stream\n\nMeasured for \d+(\.\d)? s from \d{4}-\d\d-\d\dT[\d:.]+Z: [\d,]+ events, [\d,]+ records, [\d.,]+ KiB\.\n/,
    );
    const rows = reportTableRows(report.text, '## Per table');
    assert.ok(rows.length >= 3, report.text);
    assert.deepEqual(
      rows
        .filter((r) => BUSY_DEMO_TABLES.includes(r.table))
        .map((r) => r.table)
        .sort(),
      [...BUSY_DEMO_TABLES].sort(),
    );
    assert.deepEqual(
      rows.map((r) => r.table),
      previewRows.map((r) => r[0]),
    );
    assert.match(
      report.text,
      /\n## Single-hub mode\n\nAll tables into one event hub: [\d.,]+ events\/s, [\d.]+ MB\/s\.\n\n- Throughput units: \*\*\d+\*\* /,
    );
    // The measured variant of the query at the end carries each table's measured record size.
    const query =
      /\n```kusto\n(let defaultBytes_ = 500;\nlet measuredBytes_ = datatable\(MDTables:string, bytes_:long\) \[\n[\s\S]*?\n\];\nunion withsource=MDTables\*\n)/.exec(
        report.text,
      );
    assert.ok(query, report.text);
    for (const row of rows.filter((r) => BUSY_DEMO_TABLES.includes(r.table))) {
      const bytes = new RegExp(`\\n    "${row.table}", (\\d+)`).exec(query[1]);
      assert.ok(bytes, `${row.table} is not in the measured query: ${query[1]}`);
      assert.ok(
        Math.abs(Number(bytes[1]) - row.avgRecordBytes) <= 1,
        `${row.table}: query says ${bytes[1]} bytes, the table ${row.avgRecordBytes}`,
      );
    }
  });

  it('sends demo traffic of a chosen table to the demo hub, without a confirmation for the demo hub', async function () {
    this.timeout(120_000);
    const wb = ctx.workbench;
    await wb.runCommand('Defender Stream: Send Events to Hub...');
    await wb.quickInput.waitOpen();
    assert.equal(await wb.quickInput.title(), 'Choose an event hub');
    await wb.quickInput.pick('defender-stream');
    await waitForPrompt(wb, 'What should be sent?');
    await wb.quickInput.pick('Demo traffic...');
    await waitForPrompt(wb, 'Choose one or more Advanced Hunting tables');
    await wb.quickInput.pickMany(['EmailEvents']);
    await waitForPrompt(wb, 'How many events');
    await wb.quickInput.submit('5');
    await waitForPrompt(wb, 'events per second');
    await wb.quickInput.submit('');
    await wb.notifications.waitFor(/^Sent 5 of 5 events to "defender-stream" on 127\.0\.0\.1:\d+\.$/, 60_000);
  });
});
