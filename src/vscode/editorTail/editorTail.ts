import * as vscode from 'vscode';
import { showError, showInfo, showWarning } from '../support/notify';
import { redactError } from '../../core/connection/redact';
import type { Services } from '../services';
import { recordNdjsonLine } from '../../tail/ndjson';
import { tailRegistry } from '../../tail/registry';
import { createTailSession } from '../../tail/session';
import { describeStart } from '../../tail/startSetting';
import type { TailDisposable, TailEntry, TailSession } from '../../tail/types';
import { registerCommand } from '../support/commands';
import { settings } from '../support/settings';
import { pickStartPosition, pickTables } from '../support/pickers';
import { EDITOR_TAIL_SCHEME, EditorTailDocuments } from './editorTailDocument';
import { registerTailStatusBar } from './statusBar';

/** `defenderStream.tailToEditor`, the read-only NDJSON documents it writes to, and the tail status bar item. */
export function registerEditorTail(services: Services): void {
  const { context, log } = services;
  const documents = new EditorTailDocuments();
  const running = new Map<string, { readonly session: TailSession; readonly registration: TailDisposable }>();
  context.subscriptions.push(documents, vscode.workspace.registerTextDocumentContentProvider(EDITOR_TAIL_SCHEME, documents));
  registerTailStatusBar(services);

  const stopTail = (uri: vscode.Uri): void => {
    const key = uri.toString();
    const tail = running.get(key);
    running.delete(key);
    documents.forget(uri);
    tail?.registration.dispose(); // a tail that failed is not "stopped" by stop(): leave the registry here
    if (tail) void tail.session.stop();
  };
  context.subscriptions.push(
    vscode.workspace.onDidCloseTextDocument((doc) => {
      if (doc.uri.scheme === EDITOR_TAIL_SCHEME) stopTail(doc.uri);
    }),
    // Closing the tab is what people do; the document itself may be disposed only later.
    vscode.window.tabGroups.onDidChangeTabs((event) => {
      for (const tab of event.closed) {
        const input = tab.input;
        if (!(input instanceof vscode.TabInputText) || input.uri.scheme !== EDITOR_TAIL_SCHEME) continue;
        if (!isStillOpen(input.uri)) stopTail(input.uri);
      }
    }),
    { dispose: () => [...running.keys()].forEach((key) => stopTail(vscode.Uri.parse(key))) },
  );

  registerCommand(context, log, 'defenderStream.tailToEditor', async (nodeOrArg?: unknown) => {
    const target = await services.hubs.resolveTarget(nodeOrArg);
    const tables = target.table ? [] : await pickTables(services.input, { title: 'Tail to Editor: tables', noneMeansAll: true });
    const start = await pickStartPosition(services.input, settings().tail.startPosition, 'Tail to Editor: start from');
    const { editorTail, tail } = settings();
    const { maxLines } = editorTail;
    const { bufferBytes, maxBatchSize, reconnectTimeoutMs: failAfterMs } = tail;

    const uri = documents.create(target.hubName, maxLines);
    const session = createTailSession(target, { start, filter: { tables }, bufferSize: maxLines, bufferBytes, maxBatchSize, failAfterMs });

    const what = tables.length > 0 ? tables.join(', ') : 'all tables';
    log.info(`Tail to Editor: ${target.label}, ${what}, ${describeStart(start)}`);

    session.onEntries((entries: readonly TailEntry[]) => {
      const lines: string[] = [];
      let malformed = 0;
      for (const entry of entries) {
        if (entry.type === 'record') lines.push(recordNdjsonLine(entry));
        else malformed++;
      }
      documents.append(uri, lines);
      if (malformed > 0) log.warn(`Tail to Editor (${target.label}): ${malformed} malformed message(s); the first: ${firstMalformed(entries)}`);
    });
    const registration = tailRegistry.add({
      session,
      kind: 'editor',
      reveal: () => void vscode.window.showTextDocument(uri, { preview: false }),
    });
    running.set(uri.toString(), { session, registration });
    const ref = { configId: target.configId, hubName: target.hubName };
    session.onState((state) => {
      if (state.kind === 'failed') {
        log.error(`Tail to Editor (${target.label}) failed: ${state.error}`);
        void showError(`Tail of ${target.hubName} stopped: ${state.error}`, 'Retry').then(async (choice) => {
          // Retry resumes where the document left off; a document closed meanwhile has no tail to retry.
          if (choice !== 'Retry' || running.get(uri.toString())?.session !== session) return;
          try {
            await session.reconnect(await services.hubs.targetFor(ref));
            log.info(`Tail to Editor (${target.label}): reconnecting after Retry.`);
          } catch (error) {
            void showError(`Tail of ${target.hubName} could not reconnect: ${redactError(error)}`);
          }
        });
      } else if (state.kind === 'reconnecting') {
        log.warn(`Tail to Editor (${target.label}) reconnecting: ${state.lastError}`);
      }
    });
    // Said once each: a shared consumer group, a partition Event Hubs will not let the tail read, new partitions, a recreated hub.
    session.onNotice((notice) => {
      const text = `Tail of ${target.hubName}: ${notice.message}`;
      if (notice.level === 'warning') {
        log.warn(`Tail to Editor (${target.label}): ${notice.message}`);
        void showWarning(text, {});
      } else {
        log.info(`Tail to Editor (${target.label}): ${notice.message}`);
        void showInfo(text);
      }
    });

    const doc = await vscode.workspace.openTextDocument(uri);
    const languages = await vscode.languages.getLanguages();
    const language = languages.includes('jsonl') ? 'jsonl' : 'plaintext';
    const shown = doc.languageId === language ? doc : await vscode.languages.setTextDocumentLanguage(doc, language);
    await vscode.window.showTextDocument(shown, { preview: false });
  });
}

function isStillOpen(uri: vscode.Uri): boolean {
  const key = uri.toString();
  return vscode.window.tabGroups.all.some((group) => group.tabs.some((tab) => tab.input instanceof vscode.TabInputText && tab.input.uri.toString() === key));
}

function firstMalformed(entries: readonly TailEntry[]): string {
  const first = entries.find((e) => e.type === 'malformed');
  return first && first.type === 'malformed' ? `p${first.partitionId}#${first.sequenceNumber} ${first.reason}: ${first.message}` : '';
}
