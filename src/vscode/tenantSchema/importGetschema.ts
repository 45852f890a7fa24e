import * as vscode from 'vscode';
import { TABLE_NAMES } from '../../core/catalog/schemaCatalog';
import type { TenantSchema } from '../../core/catalog/schemaLookup';
import { TableNameNeededError } from '../../tenantSchema/errors';
import { tableFromFileName } from '../../tenantSchema/fileNameTable';
import { parseGetschema, type GetschemaImport } from '../../tenantSchema/getschema';
import { SCHEMA_FILE_PATH, SCHEMA_LIMITS } from '../../tenantSchema/limits';
import { describeImport, mergeImport, type TableImportSummary } from '../../tenantSchema/merge';
import { nameProblem } from '../../tenantSchema/names';
import { tenantSchemaFromBytes } from '../../tenantSchema/schemaFile';
import { decodeImportedText } from '../../tenantSchema/textBytes';
import type { Services } from '../services';
import { showInfo } from '../support/notify';
import { pickTable } from '../support/pickers';
import type { UserInput } from '../support/userInput';
import { writeSchemaFile } from './schemaFileWriter';
import { reloadWorkspaceSchema, schemaFileUri } from './workspaceSchema';

const IMPORT_TITLE = 'Import getschema Result';
const OPEN_SCHEMA = 'Open schema.json';

export interface ImportOutcome {
  readonly tables: readonly TableImportSummary[];
  /** The schema file written. */
  readonly uri: string;
}

interface SourceText {
  readonly text: string;
  /** In words, for the stored `source` ("DeviceInfo.csv", "the clipboard"). */
  readonly label: string;
  /** A file name that may name the table. */
  readonly fileName?: string;
}

type SourceKind = 'file' | 'clipboard' | 'editor';

interface SourceItem extends vscode.QuickPickItem {
  readonly source: SourceKind;
}

function tooLarge(): Error {
  return new Error(`That is more than ${SCHEMA_LIMITS.maxInputChars / (1024 * 1024)} MB: not getschema output.`);
}

async function readFileSource(uri: vscode.Uri): Promise<SourceText> {
  const stat = await vscode.workspace.fs.stat(uri);
  if (stat.size > SCHEMA_LIMITS.maxInputChars) throw tooLarge();
  const name = uri.path.split('/').pop() ?? uri.path;
  return { text: decodeImportedText(await vscode.workspace.fs.readFile(uri)), label: name, fileName: name };
}

/** Where the getschema rows come from: a file given as argument, else the user's choice. */
async function readSource(input: UserInput, arg: unknown): Promise<SourceText> {
  if (arg instanceof vscode.Uri) return readFileSource(arg);
  const editor = vscode.window.activeTextEditor;
  const selection = editor && !editor.selection.isEmpty ? editor.selection : undefined;
  const items: SourceItem[] = [
    { source: 'file', label: '$(file) From a file...', detail: 'CSV, JSON, TSV or text exported from Advanced Hunting' },
    { source: 'clipboard', label: '$(clippy) From the clipboard', detail: 'Rows copied from the results grid, CSV or JSON' },
  ];
  if (editor)
    items.push({
      source: 'editor',
      label: selection ? '$(selection) From the editor selection' : '$(file-text) From the active editor',
      detail: vscode.workspace.asRelativePath(editor.document.uri),
    });
  const choice = await input.showQuickPick(items, {
    title: IMPORT_TITLE,
    placeHolder: 'Where is the result of "<Table> | getschema | project ColumnName, ColumnType"?',
  });
  if (choice.source === 'file') {
    const [uri] = await input.showOpenDialog({
      title: IMPORT_TITLE,
      canSelectMany: false,
      openLabel: 'Import',
      filters: { 'getschema result': ['csv', 'json', 'tsv', 'txt'], 'All files': ['*'] },
    });
    return readFileSource(uri);
  }
  if (choice.source === 'clipboard') {
    const text = await vscode.env.clipboard.readText();
    if (text.length > SCHEMA_LIMITS.maxInputChars) throw tooLarge();
    if (text.trim() === '') throw new Error('The clipboard holds no text: copy the getschema result first.');
    return { text, label: 'the clipboard' };
  }
  if (!editor) throw new Error('No editor is open.');
  const document = editor.document;
  const text = selection ? document.getText(selection) : document.getText();
  if (text.length > SCHEMA_LIMITS.maxInputChars) throw tooLarge();
  const name = document.uri.path.split('/').pop();
  return { text, label: document.isUntitled ? 'an editor' : (name ?? 'an editor'), fileName: document.isUntitled ? undefined : name };
}

/** Parses the rows, asking for the table when they name none. */
async function parse(input: UserInput, source: SourceText): Promise<GetschemaImport> {
  try {
    return parseGetschema(source.text);
  } catch (error) {
    if (!(error instanceof TableNameNeededError)) throw error;
  }
  const guess = source.fileName ? tableFromFileName(source.fileName, TABLE_NAMES) : undefined;
  const table = await pickTable(input, {
    title: `${IMPORT_TITLE}: which table?`,
    suggested: guess ? { table: guess, reason: `from the name ${source.fileName}` } : undefined,
    validateName: (name) => {
      const problem = nameProblem(name);
      return problem ? `The name ${problem}.` : undefined;
    },
  });
  return parseGetschema(source.text, { table });
}

async function pickFolder(input: UserInput): Promise<vscode.WorkspaceFolder> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  if (folders.length === 0) throw new Error(`Open a folder first: the tenant schema is stored in its ${SCHEMA_FILE_PATH}.`);
  if (folders.length === 1) return folders[0];
  const items = await Promise.all(
    folders.map(async (folder) => {
      const has = await vscode.workspace.fs.stat(schemaFileUri(folder)).then(
        () => true,
        () => false,
      );
      return { label: folder.name, description: has ? `has ${SCHEMA_FILE_PATH}` : undefined, folder };
    }),
  );
  const picked = await input.showQuickPick(items, { title: IMPORT_TITLE, placeHolder: 'Store the tenant schema in which folder?' });
  return picked.folder;
}

/** The schema stored now, or undefined; a file that cannot be read is replaced only when the user agrees. */
async function storedSchema(input: UserInput, uri: vscode.Uri): Promise<TenantSchema | undefined> {
  let size: number;
  try {
    size = (await vscode.workspace.fs.stat(uri)).size;
  } catch {
    return undefined; // none yet
  }
  const result =
    size > SCHEMA_LIMITS.maxFileBytes
      ? { problem: `${SCHEMA_FILE_PATH} is larger than ${SCHEMA_LIMITS.maxFileBytes / (1024 * 1024)} MB` }
      : tenantSchemaFromBytes(await vscode.workspace.fs.readFile(uri));
  if ('schema' in result) return result.schema;
  await input.showWarningMessage(
    `${result.problem}. Replace it with the imported tables? Its current content is kept as schema.json.bak.`,
    { modal: true },
    'Replace',
  );
  await vscode.workspace.fs.copy(uri, vscode.Uri.joinPath(uri, '..', 'schema.json.bak'), { overwrite: true });
  return undefined;
}

/**
 * `defenderStream.importGetschemaResult`: reads getschema output (a file, the clipboard or the editor),
 * asks for the table when the rows name none, merges the tables into the workspace's
 * `.defender-stream/schema.json` (other tables kept) and writes it atomically; validation then uses it.
 * A failure at any step leaves the stored schema as it was.
 */
export async function importGetschemaResult(services: Services, arg?: unknown): Promise<ImportOutcome> {
  if (!vscode.workspace.isTrusted)
    throw new Error(`Importing writes ${SCHEMA_FILE_PATH} into the workspace: trust the workspace first (Manage Workspace Trust).`);
  const { input, log } = services;
  const source = await readSource(input, arg);
  const imported = await parse(input, source);
  const folder = await pickFolder(input);
  const uri = schemaFileUri(folder);
  const existing = await storedSchema(input, uri);
  const { schema, summary } = mergeImport(existing, imported.tables, `getschema import from ${source.label}`, new Date());
  await writeSchemaFile(uri, schema);
  const message = describeImport(summary);
  log.info(`${message} Written to ${SCHEMA_FILE_PATH} in ${folder.name}.`);
  for (const note of imported.notes) log.info(note);
  await reloadWorkspaceSchema();
  void showInfo(message, OPEN_SCHEMA).then((choice) => {
    if (choice === OPEN_SCHEMA) void vscode.window.showTextDocument(uri);
  });
  return { tables: summary, uri: uri.toString() };
}
