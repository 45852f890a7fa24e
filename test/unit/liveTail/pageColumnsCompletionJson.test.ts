// The Live Tail page in headless Chromium (issue #19): chosen columns, the where box's completion of
// column names, and the detail pane's coloured, foldable JSON. The real bundle in the real page HTML
// (same CSP), fed by the harness as the extension feeds it.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { useLiveTailPage } from './harness/browserPage';
import { CHROMIUM_PATH } from './harness/server';

const describeBrowser = existsSync(CHROMIUM_PATH) ? describe : describe.skip;

describeBrowser('Live Tail page: columns, where completion, JSON detail (headless Chromium)', function () {
  this.timeout(30_000);
  const ctx = useLiveTailPage();
  const { pageErrors } = ctx;

  const frames = (n = 2): Promise<void> => ctx.page.evaluate((count) => window.__harness.frames(count), n);
  const sent = (type: string): Promise<Array<Record<string, unknown>>> =>
    ctx.page.evaluate((t) => window.__sent.filter((m) => m.type === t), type);
  const headers = (): Promise<string[]> =>
    ctx.page.evaluate(() => Array.from(document.querySelectorAll('.grid-head [role=columnheader]'), (c) => c.textContent ?? ''));
  /** The cells of the row of entry `seq`/`partition` (the harness: id = seq * 4 + partition). */
  const cellsOf = (id: number): Promise<string[]> =>
    ctx.page.evaluate((n) => {
      const row = Array.from(document.querySelectorAll('.grid-body .row')).find(
        (r) =>
          r.querySelector('.c-seq')?.textContent === String(Math.floor(n / 4)) &&
          r.querySelector('.c-partition')?.textContent === String(n % 4),
      );
      return row ? Array.from(row.querySelectorAll('[role=gridcell]'), (c) => c.textContent ?? '') : [];
    }, id);

  it('shows the chosen columns: in the summary of rows of other tables, as grid columns when the filter shows the table', async () => {
    await ctx.page.evaluate(() => {
      window.__harness.init(10_000);
      window.__harness.feed(12);
      window.__harness.post({ type: 'columns', chosen: { DeviceProcessEvents: ['ReportId', 'DeviceName', '$summary'] } });
    });
    await frames();
    assert.deepEqual(await headers(), ['Time', 'Table', 'Summary', 'Partition', 'Sequence']);
    // id 6 and 12 are DeviceProcessEvents rows (the harness cycles through six tables).
    assert.equal(
      (await cellsOf(6))[2],
      'ReportId: 18984951966 · DeviceName: host-6.contoso.local · host-6.contoso.local ProcessCreated powershell.exe -NoProfile -Command Get-Process 6',
    );
    assert.match((await cellsOf(7))[2] ?? '', /^host-7\.contoso\.local ProcessCreated/, 'a table without chosen columns: its summary');

    await ctx.page.click('#tables-button');
    await ctx.page.locator('vscode-checkbox[data-value="DeviceProcessEvents"]').click();
    await ctx.page.click('#tables-done');
    await frames();
    assert.deepEqual(await headers(), ['Time', 'Table', 'ReportId', 'DeviceName', 'Summary', 'Partition', 'Sequence']);
    assert.deepEqual((await cellsOf(12)).slice(2, 5), [
      '18984951972',
      'host-12.contoso.local',
      'host-12.contoso.local ProcessCreated powershell.exe -NoProfile -Command Get-Process 12',
    ]);
    assert.equal(await ctx.page.locator('.grid-body .c-col[data-column="ReportId"]').first().textContent(), '18984951966');

    // A reset (a new session numbers its entries from 1 again): the same id, another record, its own values.
    await ctx.page.evaluate(() => {
      const e = window.__harness.entry(12, { table: 'DeviceProcessEvents' });
      window.__harness.batch([{ ...e, json: (e.json as string).replace('host-12.contoso.local', 'after-reset') }], true);
    });
    await frames();
    assert.equal((await cellsOf(12))[3], 'after-reset');

    // "Columns…" names the one table in view; the host answers with the new choice.
    await ctx.page.click('#columns-button');
    assert.deepEqual((await sent('chooseColumns')).at(-1), { type: 'chooseColumns', table: 'DeviceProcessEvents' });
    await ctx.page.evaluate(() => window.__harness.post({ type: 'columns', chosen: {} }));
    await frames();
    assert.deepEqual(await headers(), ['Time', 'Table', 'Summary', 'Partition', 'Sequence'], 'nothing chosen: the summary');
    assert.deepEqual(pageErrors, []);
  });

  it('completes column names of the tables in view in the where box, with the keyboard', async () => {
    await ctx.page.evaluate(() => {
      window.__harness.init(10_000, {
        tableColumns: {
          DeviceProcessEvents: ['DeviceName', 'ProcessCommandLine', 'ReportId', 'RemotePort'],
          EmailEvents: ['Subject', 'SenderFromAddress'],
          CloudAppEvents: ['ObjectName'],
        },
      });
      window.__harness.feed(12);
    });
    await frames();
    const field = ctx.page.locator('#where-filter');
    const value = (): Promise<string> => field.evaluate((el) => (el as HTMLElement & { value: string }).value);
    const options = (): Promise<string[]> =>
      ctx.page.evaluate(() =>
        Array.from(document.querySelectorAll('#where-completions:not([hidden]) [role=option]'), (o) => o.textContent ?? ''),
      );
    await field.click();
    await ctx.page.keyboard.type('re');
    assert.deepEqual(
      await options(),
      ['RemotePort', 'ReportId', 'SenderFromAddress'],
      'starting with it, then containing it; not CloudAppEvents (no records)',
    );
    await ctx.page.keyboard.press('ArrowDown');
    assert.equal(await ctx.page.getAttribute('#where-completions [aria-selected=true]', 'id'), 'where-completions-1');
    assert.equal(await ctx.page.getAttribute('#where-filter', 'aria-expanded'), 'true');
    await ctx.page.keyboard.press('Enter');
    assert.equal(await value(), 'ReportId');
    assert.deepEqual(await options(), [], 'the list closes');
    assert.equal(await ctx.page.getAttribute('#where-filter', 'aria-expanded'), 'false');
    assert.equal((await sent('filter')).length, 1, 'Enter took the name, it did not apply the box (only init sent a filter)');

    await ctx.page.keyboard.type(' > 1 and Sub');
    assert.deepEqual(await options(), ['Subject']);
    await ctx.page.keyboard.press('Tab');
    assert.equal(await value(), 'ReportId > 1 and Subject');
    await ctx.page.keyboard.type(' has "Dev');
    assert.deepEqual(await options(), [], 'nothing inside a string');
    await ctx.page.keyboard.type('" or Dev');
    assert.deepEqual(await options(), ['DeviceName']);
    await ctx.page.keyboard.press('Escape');
    assert.deepEqual(await options(), []);
    await ctx.page.keyboard.press('Control+Space');
    assert.deepEqual(await options(), ['DeviceName'], 'Ctrl+Space lists again');
    await ctx.page.keyboard.press('Enter');
    assert.equal(await value(), 'ReportId > 1 and Subject has "Dev" or Dev', 'Enter without choosing applies the box as typed');
    // Applied: sent, or (not a valid expression) its reason shown.
    await ctx.page.waitForFunction(
      () =>
        window.__sent.filter((m) => m.type === 'filter').length > 1 ||
        document.querySelector('#where-error')?.hasAttribute('hidden') === false,
    );
    assert.deepEqual(await options(), []);
    assert.deepEqual(pageErrors, []);
  });

  it('colours the record JSON (keys, strings, numbers, booleans, null) and folds objects and arrays with the keyboard', async () => {
    await ctx.page.evaluate(() => {
      window.__harness.init(10_000);
      const e = window.__harness.entry(window.__harness.nextId(), { table: 'DeviceEvents', summary: 'colours' });
      const json =
        '{"time":"2026-12-01T10:00:00Z","properties":{"Big":12345678901234567890123,"Ok":true,"None":null,"List":[1,"two"],"Empty":{}}}';
      window.__harness.batch([{ ...e, json }]);
    });
    await frames();
    await ctx.page.locator('.grid-body .row', { hasText: 'colours' }).click();
    const body = ctx.page.locator('.detail-body');
    assert.equal(
      await body.textContent(),
      '{\n  "time": "2026-12-01T10:00:00Z",\n  "properties": {\n    "Big": 12345678901234567890123,\n    "Ok": true,\n    "None": null,\n    "List": [\n      1,\n      "two"\n    ],\n    "Empty": {}\n  }\n}',
      'the same text as before: re-indented, values as received',
    );
    const spans = (cls: string): Promise<string[]> =>
      ctx.page.evaluate((c) => Array.from(document.querySelectorAll(`.detail-body .${c}`), (s) => s.textContent ?? ''), cls);
    assert.deepEqual(await spans('json-key'), ['"time"', '"properties"', '"Big"', '"Ok"', '"None"', '"List"', '"Empty"']);
    assert.deepEqual(await spans('json-string'), ['"2026-12-01T10:00:00Z"', '"two"']);
    assert.deepEqual(await spans('json-number'), ['12345678901234567890123', '1']);
    assert.deepEqual(await spans('json-boolean'), ['true']);
    assert.deepEqual(await spans('json-null'), ['null']);
    const colour = (cls: string): Promise<string> =>
      ctx.page.evaluate((c) => getComputedStyle(document.querySelector(`.detail-body .${c}`) as Element).color, cls);
    // The theme's colours (VS Code sets these variables on the page).
    await ctx.page.evaluate(() => {
      const root = document.documentElement.style;
      root.setProperty('--vscode-debugTokenExpression-name', 'rgb(1, 2, 3)');
      root.setProperty('--vscode-debugTokenExpression-string', 'rgb(4, 5, 6)');
      root.setProperty('--vscode-debugTokenExpression-number', 'rgb(7, 8, 9)');
      root.setProperty('--vscode-debugTokenExpression-boolean', 'rgb(10, 11, 12)');
    });
    assert.deepEqual(
      [
        await colour('json-key'),
        await colour('json-string'),
        await colour('json-number'),
        await colour('json-boolean'),
        await colour('json-null'),
      ],
      ['rgb(1, 2, 3)', 'rgb(4, 5, 6)', 'rgb(7, 8, 9)', 'rgb(10, 11, 12)', 'rgb(10, 11, 12)'],
    );

    // Fold "properties" with the keyboard: Tab to its toggle, Enter.
    const toggles = ctx.page.locator('.detail-body .json-toggle');
    assert.equal(await toggles.count(), 3, 'the record, properties and List');
    await toggles.nth(1).focus();
    await ctx.page.keyboard.press('Enter');
    assert.equal(await toggles.nth(1).getAttribute('aria-expanded'), 'false');
    assert.equal(await ctx.page.locator('.detail-body .json-key', { hasText: '"Big"' }).isVisible(), false);
    assert.match(
      await ctx.page.evaluate(() => (document.querySelector('.detail-body') as HTMLElement).innerText),
      /"properties": \{\}\n\}$/,
    );
    assert.equal(
      await ctx.page.evaluate(
        () => getComputedStyle(document.querySelectorAll('.detail-body .json-more')[1] as Element, '::before').content,
      ),
      '" 5 keys "',
      'a folded object says how many keys it holds',
    );
    await ctx.page.keyboard.press(' ');
    assert.equal(await toggles.nth(1).getAttribute('aria-expanded'), 'true');
    assert.equal(await ctx.page.locator('.detail-body .json-key', { hasText: '"Big"' }).isVisible(), true);
    await toggles.nth(2).click();
    assert.equal(await ctx.page.locator('.detail-body .json-string', { hasText: '"two"' }).isVisible(), false, 'a click folds too');
    assert.deepEqual(pageErrors, []);
  });

  it('a hostile record: markup stays text, nesting beyond the limit is plain text, a huge one is plain text', async () => {
    const deep = '['.repeat(5000) + '"<img src=x onerror=window.__pwned=1>"' + ']'.repeat(5000);
    await ctx.page.evaluate((nested) => {
      window.__harness.init(10_000);
      const H = window.__harness;
      const a = H.entry(H.nextId(), { table: 'DeviceEvents', summary: 'deep one' });
      const b = H.entry(H.nextId(), { table: 'DeviceEvents', summary: 'wide one' });
      const wide = JSON.stringify({ properties: Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`K${i}`, i])) });
      H.batch([
        { ...a, json: `{"properties":{"<b>key</b>":"<script>window.__pwned=2</script>","Deep":${nested}}}` },
        { ...b, json: wide },
      ]);
    }, deep);
    await frames();
    await ctx.page.locator('.grid-body .row', { hasText: 'deep one' }).click();
    const body = ctx.page.locator('.detail-body');
    assert.equal(await ctx.page.locator('.detail-body .json-key', { hasText: '"<b>key</b>"' }).count(), 1);
    assert.equal(await ctx.page.locator('.detail-body .json-plain').count(), 1, 'the part beyond the depth limit');
    assert.ok(((await body.textContent()) ?? '').includes('"<img src=x onerror=window.__pwned=1>"'));
    assert.equal(await ctx.page.locator('.detail-body b, .detail-body img, .detail-body script').count(), 0);
    assert.equal(await ctx.page.evaluate(() => window.__pwned), undefined);

    await ctx.page.locator('.grid-body .row', { hasText: 'wide one' }).click();
    await ctx.page.waitForFunction(() => document.querySelector('.detail-body')?.classList.contains('plain'));
    assert.equal(await ctx.page.locator('.detail-body .json-key').count(), 0, 'too many values: plain text');
    assert.match((await body.textContent()) ?? '', /^\{\n {2}"properties": \{\n {4}"K0": 0,/);

    // Too many values and too deep: as received, not re-indented (that would take a line's indent per level).
    const both = `[${'1,'.repeat(25_000)}${deep}]`;
    await ctx.page.evaluate((json) => {
      const H = window.__harness;
      H.batch([{ ...H.entry(H.nextId(), { table: 'DeviceEvents', summary: 'both' }), json }]);
    }, both);
    await frames();
    await ctx.page.locator('.grid-body .row', { hasText: 'both' }).click();
    await ctx.page.waitForFunction((n) => document.querySelector('.detail-body')?.textContent?.length === n, both.length);
    assert.deepEqual(pageErrors, []);
  });
});
