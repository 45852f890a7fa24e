// The Live Tail page's Schema view in headless Chromium (the real bundle in the real page HTML): the
// toggle, text-only rendering of hostile names and samples, keyboard use, refreshes that keep what the
// user opened and focused, Open as Markdown, and the view coming back after a reload.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import type { SchemaMessage, WireSchemaTable } from '../../../src/liveTail/shared/protocol';
import { useLiveTailPage } from './harness/browserPage';
import { CHROMIUM_PATH } from './harness/server';

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
  const ctx = useLiveTailPage();
  const { pageErrors } = ctx;
  beforeEach(async () => {
    await ctx.page.evaluate(() => window.__harness.init(10_000));
  });

  const sent = (type: string): Promise<Array<Record<string, unknown>>> =>
    ctx.page.evaluate((t) => window.__sent.filter((m) => m.type === t), type);
  const post = (m: SchemaMessage): Promise<void> => ctx.page.evaluate((msg) => window.__harness.post(msg), m);

  it('toggles between the records and the Schema view, telling the host, and shows every list as text', async () => {
    await ctx.page.click('#schema-toggle');
    assert.deepEqual(await sent('schemaView'), [{ type: 'schemaView', open: true }]);
    assert.equal(await ctx.page.isVisible('#schema-view'), true);
    assert.equal(await ctx.page.isVisible('.grid-body'), false);
    assert.equal(await ctx.page.getAttribute('#schema-toggle', 'aria-pressed'), 'true');
    assert.equal(await ctx.page.textContent('#schema-empty'), 'No records yet.');
    await post(
      message([table('DeviceProcessEvents'), table('ContosoCustomEvents', { origin: 'unknown', conflicts: [], unseenColumns: [] })]),
    );
    await ctx.page.waitForSelector('details[data-table="DeviceProcessEvents"]');
    const summary = await ctx.page.textContent('details[data-table="DeviceProcessEvents"] summary');
    assert.equal(summary, 'DeviceProcessEvents (catalog): 120 records · 40 learned · 1 not in the schema · 1 type conflict · 1 never seen');
    const cells = await ctx.page.$$eval('details[data-table="DeviceProcessEvents"] .schema-unknown td', (tds) =>
      tds.map((td) => td.textContent),
    );
    assert.deepEqual(cells, ['NetworkAdapterName', '40', 'string 40', '"eth0"']);
    const conflict = await ctx.page.$$eval('details[data-table="DeviceProcessEvents"] .schema-conflicts td', (tds) =>
      tds.map((td) => td.textContent),
    );
    assert.deepEqual(conflict, ['ProcessId', 'long', 'string', '2', '"abc"']);
    assert.equal(await ctx.page.textContent('details[data-table="DeviceProcessEvents"] .schema-unseen'), 'FileSize (long)');
    assert.match(
      (await ctx.page.textContent('details[data-table="ContosoCustomEvents"] summary')) ?? '',
      /unknown table.*no schema knows this table/,
    );
    assert.equal(await ctx.page.textContent('details[data-table="ContosoCustomEvents"] h3'), 'Columns seen');
    assert.equal(await ctx.page.isHidden('#schema-empty'), true);
    assert.match((await ctx.page.textContent('#schema-source')) ?? '', /^Checked against: The extension's catalog/);
    await ctx.page.click('#schema-toggle');
    assert.deepEqual((await sent('schemaView')).at(-1), { type: 'schemaView', open: false });
    assert.equal(await ctx.page.isVisible('.grid-body'), true);
    assert.deepEqual(pageErrors, []);
  });

  it('renders hostile names and samples as inert text', async () => {
    await ctx.page.click('#schema-toggle');
    await post(
      message([
        table(HOSTILE, {
          unknownColumns: [{ name: HOSTILE, count: 1, types: 'string 1', sample: HOSTILE }],
          unseenColumns: [{ name: HOSTILE, type: 'long' }],
        }),
      ]),
    );
    await ctx.page.waitForSelector('details.schema-table');
    assert.equal(await ctx.page.$$eval('#schema-view img', (imgs) => imgs.length), 0);
    assert.equal(await ctx.page.evaluate(() => window.__pwned), undefined);
    assert.ok(((await ctx.page.textContent('#schema-view')) ?? '').includes(HOSTILE));
  });

  it('is keyboard accessible, and a refresh keeps what the user opened and where the focus is', async () => {
    await ctx.page.click('#schema-toggle');
    await post(message([table('AlertInfo', { unknownColumns: [], conflicts: [] }), table('DeviceProcessEvents')]));
    await ctx.page.waitForSelector('details[data-table="AlertInfo"]');
    const open = (name: string) => ctx.page.$eval(`details[data-table="${name}"]`, (d) => (d as HTMLDetailsElement).open);
    assert.equal(await open('DeviceProcessEvents'), true, 'a table that drifts opens by itself');
    assert.equal(await open('AlertInfo'), false);
    await ctx.page.focus('details[data-table="AlertInfo"] summary');
    await ctx.page.keyboard.press('Enter');
    assert.equal(await open('AlertInfo'), true);
    await ctx.page.focus('details[data-table="DeviceProcessEvents"] summary');
    await ctx.page.keyboard.press('Space');
    assert.equal(await open('DeviceProcessEvents'), false);
    await post(
      message([table('AlertInfo', { unknownColumns: [], conflicts: [], received: 500 }), table('DeviceProcessEvents', { received: 900 })]),
    );
    await ctx.page.waitForFunction(() =>
      document.querySelector('details[data-table="AlertInfo"] summary')?.textContent?.startsWith('AlertInfo (catalog): 500'),
    );
    assert.deepEqual([await open('AlertInfo'), await open('DeviceProcessEvents')], [true, false], 'the user’s choices stay');
    assert.equal(
      await ctx.page.evaluate(() => document.activeElement?.closest('details')?.getAttribute('data-table')),
      'DeviceProcessEvents',
    );
    await ctx.page.click('#schema-report');
    assert.deepEqual(await sent('reportDrift'), [{ type: 'reportDrift' }]);
  });

  it('comes back open after a reload and asks the host for its content again', async () => {
    await ctx.page.click('#schema-toggle');
    await ctx.page.waitForFunction(() => JSON.parse(sessionStorage.getItem('state') ?? '{}').schemaOpen === true);
    await ctx.page.reload();
    await ctx.page.waitForFunction(() => window.__sent.some((m) => m.type === 'ready'));
    assert.deepEqual(await sent('schemaView'), [{ type: 'schemaView', open: true }]);
    assert.equal(await ctx.page.isVisible('#schema-view'), true);
  });
});
