import * as vscode from 'vscode';
import { RingBuffer } from '../../core/filter/ringBuffer';

export const EDITOR_TAIL_SCHEME = 'defender-stream-tail';
const UPDATE_INTERVAL_MS = 250;

interface TailDocument {
  readonly lines: RingBuffer<string>;
  dirty: boolean;
}

/**
 * Read-only NDJSON documents of running tails (`defender-stream-tail:` URIs). Lines are appended in
 * memory and the editor is told to re-read at most ~4 times a second; each keeps its newest `maxLines`.
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
  create(hubName: string, maxLines: number): vscode.Uri {
    const safe = hubName.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80) || 'hub';
    const uri = vscode.Uri.from({ scheme: EDITOR_TAIL_SCHEME, path: `/${safe} (tail ${++this.counter}).ndjson` });
    this.documents.set(uri.toString(), { lines: new RingBuffer<string>(Math.max(1, maxLines)), dirty: false });
    return uri;
  }

  append(uri: vscode.Uri, lines: readonly string[]): void {
    const doc = this.documents.get(uri.toString());
    if (!doc || lines.length === 0) return;
    const start = Math.max(0, lines.length - doc.lines.capacity);
    for (let i = start; i < lines.length; i++) doc.lines.push(lines[i]);
    doc.dirty = true;
  }

  forget(uri: vscode.Uri): void {
    this.documents.delete(uri.toString());
  }

  has(uri: vscode.Uri): boolean {
    return this.documents.has(uri.toString());
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    const doc = this.documents.get(uri.toString());
    if (!doc) return '';
    return doc.lines.size === 0 ? '' : `${doc.lines.toArray().join('\n')}\n`;
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
    this.changed.dispose();
    this.documents.clear();
  }
}
