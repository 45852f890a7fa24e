// Client of the test-only probe extension (test/e2e/probe/extension.js). It answers questions the UI
// cannot answer reliably (the whole text of an editor, every diagnostic, the registered commands)
// through request/response files, without touching the UI. Use it as an oracle, never to drive the
// extension under test: journeys act through the UI.
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface ProbeDiagnostic {
  uri: string;
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  severity: 'error' | 'warning' | 'information' | 'hint';
  message: string;
  source?: string;
  code?: string | number;
}

export interface ProbeEditor {
  uri: string;
  languageId: string;
  isUntitled: boolean;
  isDirty: boolean;
  lineCount: number;
  text: string;
}

export interface ProbeExtension {
  id: string;
  isActive: boolean;
  version: string;
  extensionPath: string;
}

let counter = 0;

export class Probe {
  constructor(readonly dir: string) {}

  /** Waits until the probe extension has started in the extension host. */
  async ready(timeoutMs = 150_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!existsSync(path.join(this.dir, 'ready'))) {
      if (Date.now() > deadline) throw new Error('the e2e probe extension did not start (is it installed? see code-server.log)');
      await sleep(100);
    }
  }

  /** Calls a probe method; rejects with the probe's error or after timeoutMs. */
  async call<T = unknown>(method: string, args: unknown[] = [], timeoutMs = 30_000): Promise<T> {
    const id = `${process.pid}-${++counter}`;
    const request = path.join(this.dir, `${id}.req.json`);
    const response = path.join(this.dir, `${id}.res.json`);
    writeFileSync(`${request}.tmp`, JSON.stringify({ method, args }));
    renameSync(`${request}.tmp`, request);
    const deadline = Date.now() + timeoutMs;
    while (!existsSync(response)) {
      if (Date.now() > deadline) {
        rmSync(request, { force: true });
        throw new Error(`probe ${method} did not answer within ${timeoutMs / 1000} s`);
      }
      await sleep(50);
    }
    const answer = JSON.parse(readFileSync(response, 'utf8')) as { ok: boolean; value?: T; error?: string };
    rmSync(response, { force: true });
    if (!answer.ok) throw new Error(`probe ${method}: ${answer.error}`);
    return answer.value as T;
  }

  extension(id: string): Promise<ProbeExtension | undefined> {
    return this.call('extension', [id]);
  }

  commands(): Promise<string[]> {
    return this.call('commands');
  }

  /** The active text editor's document, whole (undefined when no text editor is active). */
  activeEditor(): Promise<ProbeEditor | undefined> {
    return this.call('activeEditor');
  }

  diagnostics(): Promise<ProbeDiagnostic[]> {
    return this.call('diagnostics');
  }

  configuration<T = unknown>(
    section: string,
    key: string,
  ): Promise<{ defaultValue?: T; globalValue?: T; workspaceValue?: T; value?: T } | undefined> {
    return this.call('configuration', [section, key]);
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
