import * as vscode from 'vscode';
import { adxIngestionScript, type AdxMode } from '../../adx/ingestionScript';
import { getTable, TABLES, type TableDef } from '../../core/catalog/schemaCatalog';
import { tablesFromArgument } from '../../kql/contextTables';
import { pickTables } from '../support/pickers';
import type { UserInput } from '../support/userInput';
import { loadWorkspaceSchemaLookup } from '../tenantSchema/workspaceSchema';
import { queryLanguageId } from './language';

const TITLE = 'Generate ADX Ingestion Script';

interface ModeItem extends vscode.QuickPickItem {
  readonly mode: AdxMode;
}

export interface GeneratedScript {
  readonly uri: string;
  readonly tables: readonly string[];
  readonly mode: AdxMode;
}

/**
 * `defenderStream.generateAdxScript`: pick tables (pre-selected from a hub node or a tail's filter) and
 * the streaming mode, then open the Azure Data Explorer commands in a new untitled KQL editor. Column
 * types come from the workspace's tenant schema where it has the table, else from the catalog.
 */
export async function generateAdxScript(input: UserInput, args: readonly unknown[]): Promise<GeneratedScript> {
  const schema = await loadWorkspaceSchemaLookup();
  // The catalog's tables, then those only the tenant schema has.
  const tenantOnly = schema.tenant ? Object.keys(schema.tenant.tables).filter((name) => !getTable(name)) : [];
  const offered = [...TABLES, ...tenantOnly.map((name) => schema.table(name)).filter((t): t is TableDef => t !== undefined)];
  const tables = await pickTables(input, { title: TITLE, preselected: tablesFromArgument(...args), tables: offered });
  const { mode } = await input.showQuickPick<ModeItem>(
    [
      { label: 'Single hub', description: 'every table on one event hub', detail: 'One landing table and data connection', mode: 'single' },
      {
        label: 'One hub per table',
        description: 'insights-logs-advancedhunting-<table>',
        detail: 'One landing table and data connection per table',
        mode: 'perTable',
      },
    ],
    { title: TITLE, placeHolder: 'How does Defender stream these tables to Event Hubs?' },
  );
  const text = adxIngestionScript({ tables, mode, schema });
  const document = await vscode.workspace.openTextDocument({ language: await queryLanguageId(), content: text });
  await vscode.window.showTextDocument(document, { preview: false });
  return { uri: document.uri.toString(), tables, mode };
}
