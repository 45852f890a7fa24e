// Journey: a detection engineer's tenant sends DeviceInfo rows with a column no documentation lists and
// OSBuild as text. Their sample is flagged for both. They export `DeviceInfo | getschema` from the
// portal as CSV, import it with "Import getschema Result..." from the file; the schema lands in
// .defender-stream/schema.json and the sample's findings about the two columns go away. Then they
// generate the Azure Data Explorer ingestion script for DeviceInfo, which uses their tenant's types.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { waitForPrompt, waitUntil } from '../support/hubFlows';
import type { ProbeDiagnostic } from '../support/probe';
import { useWorkbench } from '../support/session';

const SAMPLE_FILE = 'fixtures/deviceinfo.defender.json';
const EXPORT_FILE = 'exports/DeviceInfo.csv';
const SAMPLE = `${JSON.stringify(
  {
    records: [
      {
        time: '2026-12-01T10:20:30.1234567Z',
        tenantId: '8d6f3b52-1c3e-4a5b-9f0e-2b7c4d1e6a90',
        category: 'AdvancedHunting-DeviceInfo',
        properties: {
          Timestamp: '2026-12-01T10:20:29.0000000Z',
          DeviceId: 'c0ffee0000000000000000000000000000000001',
          DeviceName: 'wks-01.contoso.com',
          OSBuild: '22631.4460',
          TenantOnlyColumn: 42,
        },
      },
    ],
  },
  null,
  2,
)}\n`;
// The portal's CSV export: a byte order mark, a header, CRLF line ends, quoted values.
const EXPORT = `\uFEFF"ColumnName","ColumnType"\r\n"Timestamp","datetime"\r\n"DeviceId","string"\r\n"DeviceName","string"\r\n"OSBuild","string"\r\n"TenantOnlyColumn","long"\r\n`;

function findingsOf(diagnostics: ProbeDiagnostic[]): string[] {
  return diagnostics
    .filter((d) => d.uri.endsWith(`/${SAMPLE_FILE}`) && d.source === 'Defender Stream')
    .map((d) => `${String(d.code)} ${d.message}`)
    .sort();
}

describe('Tenant schema: import getschema and generate the ADX script', function () {
  const ctx = useWorkbench({ journey: 'tenant-schema', files: { [SAMPLE_FILE]: SAMPLE, [EXPORT_FILE]: EXPORT } });

  it("imports the portal's getschema CSV, and validation then follows the tenant's columns and types", async function () {
    this.timeout(180_000);
    const wb = ctx.workbench;
    await wb.editor.openFile(SAMPLE_FILE);
    // Against the catalog: OSBuild is a long, and TenantOnlyColumn is no DeviceInfo column.
    const before = await waitUntil(
      'the catalog findings on the sample',
      async () => {
        const found = findingsOf(await ctx.probe.diagnostics());
        return found.some((f) => f.startsWith('DSE022') && f.includes('"OSBuild"')) && found.some((f) => f.startsWith('DSE020'))
          ? found
          : undefined;
      },
      60_000,
    );
    assert.ok(
      before.some((f) => f.startsWith('DSE020') && f.includes('"TenantOnlyColumn"')),
      JSON.stringify(before),
    );
    await wb.screenshot('catalog-findings');

    await wb.runCommand('Defender Stream: Import getschema Result...');
    await wb.quickInput.waitOpen();
    assert.equal(await wb.quickInput.title(), 'Import getschema Result');
    await wb.quickInput.pick('From a file...');
    // code-server's own (simple) open dialog: a quick input holding a folder path; type the file's.
    await waitForPrompt(wb, 'Import getschema Result');
    await waitUntil('the open dialog to show a folder', async () => (await wb.quickInput.value()).startsWith('/'), 10_000);
    await wb.quickInput.fill(path.join(ctx.session.workspace, EXPORT_FILE));
    await wb.page.waitForTimeout(500); // the dialog completes the path as it is typed
    await wb.quickInput.input.press('Enter');

    // The rows name no table: the picker offers the one the file name suggests first.
    await waitForPrompt(wb, 'Which Advanced Hunting table');
    const [first] = await wb.quickInput.items();
    assert.equal(first.label, 'DeviceInfo');
    assert.equal(first.description, 'from the name DeviceInfo.csv');
    await wb.quickInput.pick('DeviceInfo');
    await wb.quickInput.waitClosed();

    const notice = await wb.notifications.waitFor(/^Imported DeviceInfo:/, 30_000);
    assert.equal(notice.message, "Imported DeviceInfo: 5 columns, 1 not in the catalog, 1 with another type than the catalog's.");
    assert.deepEqual(notice.buttons, ['Open schema.json']);
    await wb.screenshot('imported');

    const stored = path.join(ctx.session.workspace, '.defender-stream', 'schema.json');
    assert.ok(existsSync(stored), `${stored} was not written`);
    const schema = JSON.parse(readFileSync(stored, 'utf8')) as {
      version: number;
      source: string;
      tables: Record<string, { columns: Array<{ name: string; type: string }> }>;
    };
    assert.equal(schema.version, 1);
    assert.equal(schema.source, 'getschema import from DeviceInfo.csv');
    assert.deepEqual(schema.tables.DeviceInfo.columns, [
      { name: 'Timestamp', type: 'datetime' },
      { name: 'DeviceId', type: 'string' },
      { name: 'DeviceName', type: 'string' },
      { name: 'OSBuild', type: 'string' },
      { name: 'TenantOnlyColumn', type: 'long' },
    ]);

    // The open sample is validated again against the tenant schema: both findings are gone.
    const after = await waitUntil(
      'the findings to follow the tenant schema',
      async () => {
        const found = findingsOf(await ctx.probe.diagnostics());
        return found.some((f) => f.includes('OSBuild') || f.includes('TenantOnlyColumn')) ? undefined : found;
      },
      30_000,
    );
    assert.deepEqual(after, []);
    await wb.editor.activateTab('deviceinfo.defender.json');
    await wb.screenshot('tenant-findings');
    assert.match(ctx.session.extensionLog(), /Using the tenant schema \.defender-stream\/schema\.json in workspace: 1 table/);
  });

  it('generates the ADX ingestion script with the tenant schema types into a new KQL editor', async function () {
    this.timeout(120_000);
    const wb = ctx.workbench;
    await wb.runCommand('Defender Stream: Generate ADX Ingestion Script');
    await wb.quickInput.waitOpen();
    assert.equal(await wb.quickInput.title(), 'Generate ADX Ingestion Script');
    await wb.quickInput.pickMany(['DeviceInfo']);
    await waitForPrompt(wb, 'How does Defender stream these tables');
    await wb.quickInput.pick('One hub per table');
    await wb.quickInput.waitClosed();

    const script = await wb.editor.document((e) => e.isUntitled && e.text.startsWith('// Azure Data Explorer ingestion'), 30_000);
    assert.equal(script.languageId, 'kql');
    assert.match(script.text, /column types from the tenant schema \(updated /);
    assert.match(
      script.text,
      /^\/\/ {3}insights-logs-advancedhunting-deviceinfo {2}-> {2}table DeviceInfoRaw, mapping DeviceInfoRawMapping$/m,
    );
    assert.match(script.text, /^\.create-merge table DeviceInfoRaw \(records: dynamic\)/m);
    assert.match(
      script.text,
      /^\.create-merge table DeviceInfo \(\n {4}Timestamp: datetime,\n {4}DeviceId: string,\n {4}DeviceName: string,\n {4}OSBuild: string,\n {4}TenantOnlyColumn: long\n\)/m,
    );
    assert.match(script.text, /^\.alter table DeviceInfo policy update @'\[\{"IsEnabled":true,"Source":"DeviceInfoRaw"/m);
    // VS Code titles an untitled editor after its first line.
    assert.ok((await wb.editor.tabs()).some((t) => t.title.startsWith('// Azure Data Explorer ingestion')));
    await wb.screenshot('adx-script');
  });
});
