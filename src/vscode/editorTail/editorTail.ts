import * as vscode from 'vscode';
import { showError, showInfo, showWarning } from '../support/notify';
import type { Services } from '../services';
import { EDITOR_TAIL_MAX_BYTES, EditorTailController } from '../../tail/editorTailController';
import { tailRegistry } from '../../tail/registry';
import { registerCommand } from '../support/commands';
import { settings } from '../support/settings';
import { pickStartOrWindow, pickStartPosition, pickTables } from '../support/pickers';
import { openStorageTail, storageTailRefOf } from '../storage/storageTails';
import { EDITOR_TAIL_SCHEME, EditorTailDocuments } from './editorTailDocument';
import { askWhere } from './askWhere';
import { registerTailStatusBar } from './statusBar';
import { windowProgressNotification } from './windowProgress';

/** `defenderStream.tailToEditor`, the read-only NDJSON documents it writes to, and the tail status bar item. */
export function registerEditorTail(services: Services): void {
  const { context, log } = services;
  const documents = new EditorTailDocuments();
  context.subscriptions.push(documents, vscode.workspace.registerTextDocumentContentProvider(EDITOR_TAIL_SCHEME, documents));
  registerTailStatusBar(services);

  context.subscriptions.push(
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme === EDITOR_TAIL_SCHEME) documents.close(doc.uri);
    }),
    // Closing the tab is what people do; the document itself may be disposed only later.
    vscode.window.tabGroups.onDidChangeTabs((event) => {
      for (const tab of event.closed) {
        const input = tab.input;
        if (!(input instanceof vscode.TabInputText) || input.uri.scheme !== EDITOR_TAIL_SCHEME) continue;
        if (!isStillOpen(input.uri)) documents.close(input.uri);
      }
    }),
  );

  registerCommand(context, log, 'defenderStream.tailToEditor', async (nodeOrArg?: unknown) => {
    const storage = storageTailRefOf(nodeOrArg);
    // A Storage account's node: its tables are asked (none: every table); a table's node is that table.
    const hub = storage ? undefined : await services.hubs.resolveTarget(nodeOrArg);
    const tables =
      hub?.table || storage?.tables ? [] : await pickTables(services.input, { title: 'Tail to Editor: tables', noneMeansAll: true });
    const source = storage
      ? await openStorageTail(services.storage, tables.length > 0 ? { ...storage, tables } : storage, services.storageTailSessions)
      : undefined;
    const where = await askWhere(services.input, 'Tail to Editor: where');
    const title = 'Tail to Editor: start from';
    const setting = settings().tail.startPosition;
    // A Storage tail has hours, not partitions: the start of the current hour instead of a time window.
    const { start, until, maxMatches } = source
      ? { start: await pickStartPosition(services.input, setting, title, { currentHour: true }), until: undefined, maxMatches: undefined }
      : await pickStartOrWindow(services.input, setting, title);
    const { editorTail, tail } = settings();
    const uri = documents.newUri(source ? source.label : hub!.hubName);
    /** The controller, once made (the window's Cancel ends it). */
    const made: { controller?: EditorTailController } = {};
    // Only a hub's tail with an end reads a window (and reports its progress).
    const windowTitle = `Tail to Editor: ${hub?.hubName ?? ''}, ${until ? `until ${until.toISOString()}` : `the first ${maxMatches ?? 0} matches`}`;
    const common = {
      tables: source ? [] : tables,
      ...(where !== '' ? { where } : {}),
      start,
      ...(until ? { until } : {}),
      ...(maxMatches ? { maxMatches } : {}),
      maxLines: editorTail.maxLines,
      // The document's cap, or less when the tail's buffer setting asks for less memory (see EDITOR_TAIL_MAX_BYTES).
      maxBytes: Math.min(tail.bufferBytes, EDITOR_TAIL_MAX_BYTES),
      maxBatchSize: tail.maxBatchSize,
      failAfterMs: tail.reconnectTimeoutMs,
      registry: tailRegistry,
      ports: {
        changed: () => documents.markChanged(uri),
        reveal: () => void vscode.window.showTextDocument(uri, { preview: false }),
        showError,
        showNotice: (level: 'info' | 'warning', message: string) =>
          void (level === 'warning' ? showWarning(message, {}) : showInfo(message)),
        ...(hub ? { resolveTarget: () => services.hubs.targetFor({ configId: hub.configId, hubName: hub.hubName }) } : {}),
        windowProgress: windowProgressNotification(
          (task) =>
            vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: windowTitle, cancellable: true }, task),
          () => made.controller?.stopWindow(),
        ),
        log,
      },
    };
    const controller = source
      ? new EditorTailController({ ...common, source })
      : new EditorTailController({ ...common, target: hub!, createSession: services.tailSessions });
    made.controller = controller;
    documents.open(uri, controller);
    try {
      await showTailDocument(uri);
    } catch (error) {
      documents.close(uri); // no document, no tail
      throw error;
    }
  });
}

async function showTailDocument(uri: vscode.Uri): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(uri);
  const languages = await vscode.languages.getLanguages();
  const language = languages.includes('jsonl') ? 'jsonl' : 'plaintext';
  const shown = doc.languageId === language ? doc : await vscode.languages.setTextDocumentLanguage(doc, language);
  await vscode.window.showTextDocument(shown, { preview: false });
}

function isStillOpen(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((group) =>
    group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key),
  );
}
