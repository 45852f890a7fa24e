import * as vscode from 'vscode';
import type { TenantSchema } from '../../core/catalog/schemaLookup';
import { fetchTenantSchema } from '../../graph/fetchTenantSchema';
import { tablesFromArgument } from '../../kql/contextTables';
import { SCHEMA_FILE_PATH, SCHEMA_LIMITS } from '../../tenantSchema/limits';
import { describeImport, mergeImport } from '../../tenantSchema/merge';
import { tenantSchemaFromBytes } from '../../tenantSchema/schemaFile';
import type { Services } from '../services';
import { showInfo } from '../support/notify';
import { pickTables } from '../support/pickers';
import { writeSchemaFile } from '../tenantSchema/schemaFileWriter';
import { reloadWorkspaceSchema, schemaFileUri } from '../tenantSchema/workspaceSchema';
import { huntWithProgress } from './huntWithProgress';

const TITLE = 'Fetch Tenant Schema';

async function folderFor(services: Services): Promise<vscode.WorkspaceFolder> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) throw new Error(`Open a folder first: the tenant schema is stored in its ${SCHEMA_FILE_PATH}.`);
  if (folders.length === 1) return folders[0];
  const picked = await services.input.showQuickPick(
    folders.map((folder) => ({ label: folder.name, folder })),
    { title: TITLE, placeHolder: 'Store the tenant schema in which folder?' },
  );
  return picked.folder;
}

/** The stored schema, none yet, or an error: an unreadable file is not replaced here (Import getschema Result offers that). */
async function stored(uri: vscode.Uri): Promise<TenantSchema | undefined> {
  let size: number;
  try {
    size = (await vscode.workspace.fs.stat(uri)).size;
  } catch {
    return undefined;
  }
  const read =
    size > SCHEMA_LIMITS.maxFileBytes
      ? { problem: `${SCHEMA_FILE_PATH} is too large` }
      : tenantSchemaFromBytes(await vscode.workspace.fs.readFile(uri));
  if ('schema' in read) return read.schema;
  throw new Error(`${read.problem}. Fix or delete it, then fetch again.`);
}

/** Fetch Tenant Schema: getschema for the chosen tables in Advanced Hunting, merged into the workspace's tenant schema. */
export async function fetchTenantSchemaCommand(services: Services, ...args: unknown[]): Promise<void> {
  if (!vscode.workspace.isTrusted) throw new Error(`Fetching writes ${SCHEMA_FILE_PATH} into the workspace: trust the workspace first.`);
  const tables = await pickTables(services.input, { title: TITLE, preselected: tablesFromArgument(...args) });
  const folder = await folderFor(services);
  const uri = schemaFileUri(folder);
  const existing = await stored(uri);
  const { fetched, host } = await huntWithProgress({ services }, TITLE, async (session) => ({
    fetched: await fetchTenantSchema(tables, session.run, (table, i) =>
      session.report(`${table} (${i + 1} of ${tables.length})`, 100 / tables.length),
    ),
    host: session.host,
  }));
  for (const f of fetched.failed) services.log.warn(`${TITLE}: ${f.table}: ${f.message}`);
  if (fetched.tables.length === 0)
    throw new Error(`No table could be read from Advanced Hunting: ${fetched.failed.map((f) => `${f.table}: ${f.message}`).join(' ')}`);
  const { schema, summary } = mergeImport(existing, fetched.tables, `Advanced Hunting (Microsoft Graph ${host})`, new Date());
  await writeSchemaFile(uri, schema);
  await reloadWorkspaceSchema();
  const failedNote = fetched.failed.length > 0 ? ` Not read: ${fetched.failed.map((f) => f.table).join(', ')} (see the log).` : '';
  const message = `${describeImport(summary)}${failedNote}`;
  services.log.info(`${TITLE}: ${message} Written to ${SCHEMA_FILE_PATH} in ${folder.name}.`);
  void showInfo(message, 'Open schema.json').then((choice) => {
    if (choice) void vscode.window.showTextDocument(uri);
  });
}
