import * as vscode from 'vscode';

export const EDITOR_TAIL_SCHEME = 'defender-stream-tail';
const UPDATE_INTERVAL_MS = 250;

/** What a document shows: a running editor tail (src/tail/editorTailController.ts). */
export interface TailDocumentSource {
  text(): string;
  dispose(): unknown;
}

interface TailDocument {
  readonly source: TailDocumentSource;
  dirty: boolean;
}

/**
 * Read-only NDJSON documents of running tails (`defender-stream-tail:` URIs). Each shows its tail's
 * text; the editor is told to re-read it at most ~4 times a second, and only when lines came.
 */
export class EditorTailDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly documents = new Map<string, TailDocument>();
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly timer: NodeJS.Timeout;
  private counter = 0;

  constructor() {
    this.timer = setInterval(() => this.publish(), UPDATE_INTERVAL_MS);
  }

  /** A fresh URI for a tail of `hubName` (only safe characters of the name are kept). */
  newUri(hubName: string): vscode.Uri {
    const safe = hubName.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || 'hub';
    return vscode.Uri.from({ scheme: EDITOR_TAIL_SCHEME, path: `/${safe} (tail ${++this.counter}).ndjson` });
  }

  /** The document at `uri` shows `source` until it is closed. */
  open(uri: vscode.Uri, source: TailDocumentSource): void {
    this.documents.set(uri.toString(), { source, dirty: false });
  }

  /** The source has new text: the editor re-reads it at the next refresh. */
  markChanged(uri: vscode.Uri): void {
    const doc = this.documents.get(uri.toString());
    if (doc) doc.dirty = true;
  }

  /** The document closed: its tail stops. */
  close(uri: vscode.Uri): void {
    const key = uri.toString();
    const doc = this.documents.get(key);
    this.documents.delete(key);
    doc?.source.dispose();
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.documents.get(uri.toString())?.source.text() ?? '';
  }

  private publish(): void {
    for (const [key, doc] of this.documents) {
      if (!doc.dirty) continue;
      doc.dirty = false;
      this.changed.fire(vscode.Uri.parse(key));
    }
  }

  dispose(): void {
    clearInterval(this.timer);
    for (const key of [...this.documents.keys()]) this.close(vscode.Uri.parse(key));
    this.changed.dispose();
  }
}
