// The Live Tail page's Schema view in headless Chromium (the real bundle in the real page HTML): the
// toggle, text-only rendering of hostile names and samples, keyboard use, refreshes that keep what the
// user opened and focused, Open as Markdown, and the view coming back after a reload.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { SchemaMessage, WireSchemaTable } from '../../../src/liveTail/shared/protocol';
import './harness/api';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startHarness, type Harness } from './harness/server';

const describeBrowser = existsSync(CHROMIUM_PATH) ? describe : describe.skip;

const HOSTILE = '<img src=x onerror="window.__pwned=1">';

function table(name: string, extra: Partial<WireSchemaTable> = {}): WireSchemaTable {
  return {
    table: name,
    origin: 'catalog',
    received: 120,
    learned: 40,
    unknownColumns: [{ name: 'NetworkAdapterName', count: 40, types: 'string 40', sample: '"eth0"' }],
    unseenColumns: [{ name: 'FileSize', type: 'long' }],
    conflicts: [{ name: 'ProcessId', expected: 'long', seen: 'string', count: 2, sample: '"abc"' }],
    omitted: 0,
    ...extra,
  };
}

function message(tables: WireSchemaTable[]): SchemaMessage {
  return {
    type: 'schema',
    schema: "The extension's catalog of Advanced Hunting tables.",
    sampling: 'Records the tail keeps as text are learned from a sample of at most 20 per table per second.',
    tables,
    omittedTables: 0,
    notes: [],
  };
}

describeBrowser('Live Tail page: the Schema view (headless Chromium)', function () {
  this.timeout(30_000);
  let harness: Harness;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  before(async () => {
    harness = await startHarness();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await harness?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    page.setDefaultTimeout(8000);
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(harness.url);
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'ready'));
    await page.evaluate(() => window.__harness.init(10_000));
  });
  afterEach(async () => {
    await page.close();
  });

  const sent = (type: string): Promise<Array<Record<string, unknown>>> =>
    page.evaluate((t) => window.__sent.filter((m) => m.type === t), type);
  const post = (m: SchemaMessage): Promise<void> => page.evaluate((msg) => window.__harness.post(msg), m);

  it('toggles between the records and the Schema view, telling the host, and shows every list as text', async () => {
    await page.click('#schema-toggle');
    assert.deepEqual(await sent('schemaView'), [{ type: 'schemaView', open: true }]);
    assert.equal(await page.isVisible('#schema-view'), true);
    assert.equal(await page.isVisible('.grid-body'), false);
    assert.equal(await page.getAttribute('#schema-toggle', 'aria-pressed'), 'true');
    assert.equal(await page.textContent('#schema-empty'), 'No records yet.');
    await post(
      message([table('DeviceProcessEvents'), table('ContosoCustomEvents', { origin: 'unknown', conflicts: [], unseenColumns: [] })]),
    );
    await page.waitForSelector('details[data-table="DeviceProcessEvents"]');
    const summary = await page.textContent('details[data-table="DeviceProcessEvents"] summary');
    assert.equal(summary, 'DeviceProcessEvents (catalog): 120 records · 40 learned · 1 not in the schema · 1 type conflict · 1 never seen');
    const cells = await page.$$eval('details[data-table="DeviceProcessEvents"] .schema-unknown td', (tds) =>
      tds.map((td) => td.textContent),
    );
    assert.deepEqual(cells, ['NetworkAdapterName', '40', 'string 40', '"eth0"']);
    const conflict = await page.$$eval('details[data-table="DeviceProcessEvents"] .schema-conflicts td', (tds) =>
      tds.map((td) => td.textContent),
    );
    assert.deepEqual(conflict, ['ProcessId', 'long', 'string', '2', '"abc"']);
    assert.equal(await page.textContent('details[data-table="DeviceProcessEvents"] .schema-unseen'), 'FileSize (long)');
    assert.match(
      (await page.textContent('details[data-table="ContosoCustomEvents"] summary')) ?? '',
      /unknown table.*no schema knows this table/,
    );
    assert.equal(await page.textContent('details[data-table="ContosoCustomEvents"] h3'), 'Columns seen');
    assert.equal(await page.isHidden('#schema-empty'), true);
    assert.match((await page.textContent('#schema-source')) ?? '', /^Checked against: The extension's catalog/);
    await page.click('#schema-toggle');
    assert.deepEqual((await sent('schemaView')).at(-1), { type: 'schemaView', open: false });
    assert.equal(await page.isVisible('.grid-body'), true);
    assert.deepEqual(pageErrors, []);
  });

  it('renders hostile names and samples as inert text', async () => {
    await page.click('#schema-toggle');
    await post(
      message([
        table(HOSTILE, {
          unknownColumns: [{ name: HOSTILE, count: 1, types: 'string 1', sample: HOSTILE }],
          unseenColumns: [{ name: HOSTILE, type: 'long' }],
        }),
      ]),
    );
    await page.waitForSelector('details.schema-table');
    assert.equal(await page.$$eval('#schema-view img', (imgs) => imgs.length), 0);
    assert.equal(await page.evaluate(() => window.__pwned), undefined);
    assert.ok(((await page.textContent('#schema-view')) ?? '').includes(HOSTILE));
  });

  it('is keyboard accessible, and a refresh keeps what the user opened and where the focus is', async () => {
    await page.click('#schema-toggle');
    await post(message([table('AlertInfo', { unknownColumns: [], conflicts: [] }), table('DeviceProcessEvents')]));
    await page.waitForSelector('details[data-table="AlertInfo"]');
    const open = (name: string) => page.$eval(`details[data-table="${name}"]`, (d) => (d as HTMLDetailsElement).open);
    assert.equal(await open('DeviceProcessEvents'), true, 'a table that drifts opens by itself');
    assert.equal(await open('AlertInfo'), false);
    await page.focus('details[data-table="AlertInfo"] summary');
    await page.keyboard.press('Enter');
    assert.equal(await open('AlertInfo'), true);
    await page.focus('details[data-table="DeviceProcessEvents"] summary');
    await page.keyboard.press('Space');
    assert.equal(await open('DeviceProcessEvents'), false);
    await post(
      message([table('AlertInfo', { unknownColumns: [], conflicts: [], received: 500 }), table('DeviceProcessEvents', { received: 900 })]),
    );
    await page.waitForFunction(() =>
      document.querySelector('details[data-table="AlertInfo"] summary')?.textContent?.startsWith('AlertInfo (catalog): 500'),
    );
    assert.deepEqual([await open('AlertInfo'), await open('DeviceProcessEvents')], [true, false], 'the user’s choices stay');
    assert.equal(await page.evaluate(() => document.activeElement?.closest('details')?.getAttribute('data-table')), 'DeviceProcessEvents');
    await page.click('#schema-report');
    assert.deepEqual(await sent('reportDrift'), [{ type: 'reportDrift' }]);
  });

  it('comes back open after a reload and asks the host for its content again', async () => {
    await page.click('#schema-toggle');
    await page.waitForFunction(() => JSON.parse(sessionStorage.getItem('state') ?? '{}').schemaOpen === true);
    await page.reload();
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'ready'));
    assert.deepEqual(await sent('schemaView'), [{ type: 'schemaView', open: true }]);
    assert.equal(await page.isVisible('#schema-view'), true);
  });
});
