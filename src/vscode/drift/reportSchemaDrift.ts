import * as vscode from 'vscode';
import type { SchemaLookup } from '../../core/catalog/schemaLookup';
import { driftReport } from '../../drift/compareShapes';
import { renderDriftMarkdown, type DriftMarkdownOptions } from '../../drift/driftMarkdown';
import { learnText } from '../../drift/learnText';
import { DEFAULT_SAMPLE_LIMITS, isSampleFileName, isSkippedFolderName, SampleRun } from '../../drift/sampleFiles';
import { ShapeLearner } from '../../drift/shapeLearner';
import { DEFAULT_SAMPLES_PER_SECOND } from '../../liveTail/schemaFeed';
import { tailRegistry, type RegisteredTail } from '../../tail/registry';
import type { Services } from '../services';
import { UserCancelledError } from '../support/cancel';
import { loadWorkspaceSchemaLookup } from '../tenantSchema/workspaceSchema';

export const REPORT_DRIFT_COMMAND = 'defenderStream.reportSchemaDrift';

/** What a report is made from. */
type DriftSource =
  | { readonly kind: 'tail'; readonly tail: RegisteredTail & { readonly shapes: ShapeLearner } }
  | { readonly kind: 'document'; readonly document: vscode.TextDocument }
  | { readonly kind: 'folder'; readonly uri: vscode.Uri };

interface SourceItem extends vscode.QuickPickItem {
  readonly source?: DriftSource;
}

const JSON_LANGUAGES = new Set(['json', 'jsonc', 'jsonl', 'ndjson']);

function isSampleDocument(document: vscode.TextDocument): boolean {
  return JSON_LANGUAGES.has(document.languageId) || isSampleFileName(document.fileName);
}

function tailLabel(tail: RegisteredTail): string {
  return tail.session?.label ?? tail.hubName;
}

/** The Live Tail panels whose Schema view learns (every open panel). */
function learningTails(): Array<RegisteredTail & { readonly shapes: ShapeLearner }> {
  return tailRegistry.all('panel').filter((t): t is RegisteredTail & { readonly shapes: ShapeLearner } => t.shapes !== undefined);
}

/**
 * The source of the report: the command's argument (a tail `{configId, hubName}` from its panel, a file
 * or folder from the Explorer), else a pick of the running tails, the active JSON/NDJSON editor and "a
 * folder of samples".
 */
async function chooseSource(services: Services, arg: unknown): Promise<DriftSource> {
  if (arg instanceof vscode.Uri) {
    const stat = await vscode.workspace.fs.stat(arg);
    if (stat.type & vscode.FileType.Directory) return { kind: 'folder', uri: arg };
    return { kind: 'document', document: await vscode.workspace.openTextDocument(arg) };
  }
  if (typeof arg === 'object' && arg !== null && 'configId' in arg && 'hubName' in arg) {
    const { configId, hubName } = arg as { configId: unknown; hubName: unknown };
    if (typeof configId === 'string' && typeof hubName === 'string') {
      const tail = tailRegistry.find(configId, hubName, 'panel');
      if (tail?.shapes) return { kind: 'tail', tail: tail as RegisteredTail & { shapes: ShapeLearner } };
      throw new Error('No Live Tail is open on that hub any more.');
    }
  }
  const items: SourceItem[] = learningTails().map((tail) => ({
    label: `Live tail: ${tailLabel(tail)}`,
    description: `${tail.shapes
      .tables()
      .reduce((n, t) => n + t.received, 0)
      .toLocaleString('en-US')} records so far`,
    source: { kind: 'tail', tail },
  }));
  const active = vscode.window.activeTextEditor?.document;
  if (active && isSampleDocument(active))
    items.push({
      label: `Active file: ${vscode.workspace.asRelativePath(active.uri)}`,
      description: active.languageId,
      source: { kind: 'document', document: active },
    });
  items.push({ label: 'Folder of samples...', description: 'every .json, .ndjson and .jsonl file in it' });
  const picked = await services.input.showQuickPick(items, {
    title: 'Report Schema Drift',
    placeHolder: 'Which records should be compared with the schema?',
  });
  if (picked.source) return picked.source;
  const [uri] = await services.input.showOpenDialog({
    canSelectFiles: false,
    canSelectFolders: true,
    canSelectMany: false,
    openLabel: 'Report Drift',
    title: 'Folder of sample JSON / NDJSON files',
    ...(vscode.workspace.workspaceFolders?.[0] ? { defaultUri: vscode.workspace.workspaceFolders[0].uri } : {}),
  });
  return { kind: 'folder', uri };
}

/** Reads the samples under `root` within the limits (progress with cancel); the learner and notes. */
async function learnFolder(root: vscode.Uri): Promise<{ learner: ShapeLearner; notes: DriftMarkdownOptions['notes'] }> {
  const run = new SampleRun(new ShapeLearner(), DEFAULT_SAMPLE_LIMITS);
  const decoder = new TextDecoder('utf-8');
  await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: 'Report Schema Drift', cancellable: true },
    async (progress, token) => {
      const walk = async (folder: vscode.Uri, depth: number): Promise<void> => {
        const entries = await vscode.workspace.fs.readDirectory(folder);
        entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        for (const [name, type] of entries) {
          if (token.isCancellationRequested) throw new UserCancelledError();
          const uri = vscode.Uri.joinPath(folder, name);
          const relative = vscode.workspace.asRelativePath(uri);
          if (type & vscode.FileType.Directory) {
            if (depth < run.limits.maxDepth && !isSkippedFolderName(name) && !(type & vscode.FileType.SymbolicLink))
              await walk(uri, depth + 1);
            continue;
          }
          if (!(type & vscode.FileType.File) || !isSampleFileName(name)) continue;
          try {
            const { size } = await vscode.workspace.fs.stat(uri);
            if (!run.admit(relative, size)) continue;
            progress.report({ message: `${run.files}: ${name}` });
            run.learn(name, decoder.decode(await vscode.workspace.fs.readFile(uri)));
          } catch {
            run.failed(relative);
          }
        }
      };
      await walk(root, 0);
    },
  );
  return { learner: run.learner, notes: run.notes() };
}

/** The Markdown report for a source, compared with `lookup`. */
async function reportFor(source: DriftSource, lookup: SchemaLookup): Promise<string> {
  switch (source.kind) {
    case 'tail':
      return renderDriftMarkdown(driftReport(source.tail.shapes, lookup), {
        source: `Live tail ${tailLabel(source.tail)}`,
        notes: [
          {
            text: `Records the tail keeps as text are learned from a sample of at most ${DEFAULT_SAMPLES_PER_SECOND} per table per second; all are counted`,
          },
        ],
      });
    case 'document': {
      const document = source.document;
      const text = document.getText();
      if (text.length > DEFAULT_SAMPLE_LIMITS.maxFileBytes)
        throw new Error(`The file is over ${DEFAULT_SAMPLE_LIMITS.maxFileBytes / 1024 / 1024} MB: report on a folder of smaller files.`);
      const learner = new ShapeLearner();
      const learned = learnText(learner, text, document.fileName);
      const notes =
        learned.malformed > 0 ? [{ text: `${learned.malformed} documents or lines held no record (not JSON, or no records)` }] : [];
      return renderDriftMarkdown(driftReport(learner, lookup), { source: vscode.workspace.asRelativePath(document.uri), notes });
    }
    case 'folder': {
      const { learner, notes } = await learnFolder(source.uri);
      return renderDriftMarkdown(driftReport(learner, lookup), { source: `Folder ${vscode.workspace.asRelativePath(source.uri)}`, notes });
    }
  }
}

/**
 * `defenderStream.reportSchemaDrift`: compares a running tail's records, the active JSON/NDJSON file or a
 * folder of samples with the workspace's schema (its tenant schema over the catalog) and opens the
 * Markdown report in an untitled editor. Returns the report (for tests).
 */
export async function reportSchemaDrift(services: Services, arg?: unknown): Promise<string> {
  const source = await chooseSource(services, arg);
  const lookup = await loadWorkspaceSchemaLookup();
  const content = await reportFor(source, lookup);
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(document, { preview: false });
  services.log.info(`Schema drift report: ${source.kind === 'tail' ? `live tail ${tailLabel(source.tail)}` : source.kind}`);
  return content;
}
