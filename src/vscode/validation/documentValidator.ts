import * as vscode from 'vscode';
import { settings } from '../support/settings';
import { currentWorkspaceSchemaLookup } from '../tenantSchema/workspaceSchema';
import type { FindingFix } from '../../validation/validate';
import { validate } from '../../validation/validate';
import { BLOB_DOCUMENT_SCHEME, withoutCutNote } from '../../storage/blobText';
import { diagnosticKey, toDiagnostic } from './convert';

/** Schemes whose documents are real files or buffers (not git diffs, output channels...). */
const SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);
const DEBOUNCE_MS = 300;
/** More diagnostics than this per document help nobody and slow the Problems panel. */
const MAX_FINDINGS = 1000;

export interface FixEntry {
  readonly version: number;
  readonly fixes: ReadonlyMap<string, FindingFix>;
}

/**
 * Keeps the "defender-stream" DiagnosticCollection in step with open documents: validates the ones
 * that match `defenderStream.validation.include` (when enabled) and the ones validated by command,
 * debounced per document while typing, cleared on close.
 */
export class DocumentValidator implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('defender-stream');
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Documents validated on request although they match no include glob; tracked until closed. */
  private readonly requested = new Set<string>();
  private readonly fixes = new Map<string, FixEntry>();

  /** Whether automatic validation applies to `document` (setting enabled and a glob matches). */
  isIncluded(document: vscode.TextDocument): boolean {
    // An hour blob of a Storage account opened from its view is Defender's NDJSON by definition.
    if (document.uri.scheme === BLOB_DOCUMENT_SCHEME) return settings().validation.enabled;
    if (!SCHEMES.has(document.uri.scheme)) return false;
    const { enabled, include } = settings(document.uri).validation;
    return enabled && include.some((pattern) => vscode.languages.match({ pattern }, document) > 0);
  }

  private tracked(document: vscode.TextDocument): boolean {
    return this.requested.has(document.uri.toString()) || this.isIncluded(document);
  }

  /** Validates now (against the workspace's tenant schema over the catalog, as last read) and publishes. */
  validateNow(document: vscode.TextDocument): ReturnType<typeof validate> {
    this.cancel(document.uri);
    const blob = document.uri.scheme === BLOB_DOCUMENT_SCHEME;
    // A blob document's first line may be the note that it was cut: not a record.
    const findings = validate(blob ? withoutCutNote(document.getText()) : document.getText(), {
      fileName: blob ? `${document.uri.path}.ndjson` : document.uri.path,
      maxFindings: MAX_FINDINGS,
      schema: currentWorkspaceSchemaLookup(),
    });
    const fixes = new Map<string, FindingFix>();
    for (const f of findings) if (f.fix) fixes.set(diagnosticKey(f.code, f.range), f.fix);
    this.fixes.set(document.uri.toString(), { version: document.version, fixes });
    this.collection.set(document.uri, findings.map(toDiagnostic));
    return findings;
  }

  /** Validates `document` on request, and keeps doing so as it changes until it is closed. */
  request(document: vscode.TextDocument): ReturnType<typeof validate> {
    this.requested.add(document.uri.toString());
    return this.validateNow(document);
  }

  /** Re-evaluates a document: validates it when tracked, clears it otherwise. */
  refresh(document: vscode.TextDocument): void {
    if (this.tracked(document)) this.validateNow(document);
    else this.clear(document.uri);
  }

  schedule(document: vscode.TextDocument): void {
    if (!this.tracked(document)) return;
    this.cancel(document.uri);
    const uri = document.uri;
    this.timers.set(
      uri.toString(),
      setTimeout(() => {
        this.timers.delete(uri.toString());
        const current = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (current && !current.isClosed) this.validateNow(current);
      }, DEBOUNCE_MS),
    );
  }

  fixesFor(document: vscode.TextDocument): FixEntry | undefined {
    const entry = this.fixes.get(document.uri.toString());
    return entry && entry.version === document.version ? entry : undefined;
  }

  closed(document: vscode.TextDocument): void {
    this.requested.delete(document.uri.toString());
    this.clear(document.uri);
  }

  private clear(uri: vscode.Uri): void {
    this.cancel(uri);
    this.fixes.delete(uri.toString());
    this.collection.delete(uri);
  }

  private cancel(uri: vscode.Uri): void {
    const timer = this.timers.get(uri.toString());
    if (timer !== undefined) {
      clearTimeout(timer);
      this.timers.delete(uri.toString());
    }
  }

  dispose(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.collection.dispose();
  }
}
