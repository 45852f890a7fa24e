// Records every fault and hostile input the reliability tests try (what, how many times, what happened)
// and, once mocha has run everything, writes test-results/reliability.json and regenerates
// docs/reliability.md with scripts/reliability-report.mjs.
//
// Importing this module registers root hooks (the test's name and result are attached to its entries).
// A partial run (one file) replaces only the entries of the files it ran, so the table stays complete.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface Trial {
  /** Section of the report, e.g. "Connection faults". */
  readonly area: string;
  /** The fault injected or the input tried, in a few words. */
  readonly fault: string;
  /** How many times it was tried in this test. */
  readonly times: number;
  /** What happened (measured, not hoped for). */
  readonly outcome: string;
}

export interface TrialEntry extends Trial {
  readonly test: string;
  readonly file: string;
  status: 'passed' | 'failed' | 'pending';
}

export interface ReliabilityLog {
  readonly version: 1;
  /** Entries by test file (relative to the repository root). */
  readonly files: Record<string, TrialEntry[]>;
}

const ROOT = path.resolve(__dirname, '..', '..');
export const LOG_FILE = path.join(ROOT, 'test-results', 'reliability.json');
const REPORT_SCRIPT = path.join(ROOT, 'scripts', 'reliability-report.mjs');

let current: { title: string; file: string; entries: TrialEntry[] } | undefined;
const thisRun = new Map<string, TrialEntry[]>();

/** Notes one fault or input tried by the running test. Call it with what was actually observed. */
export function tried(trial: Trial): void {
  if (!current) throw new Error('reliabilityLog.tried() must be called inside a test');
  const entry: TrialEntry = { ...trial, test: current.title, file: current.file, status: 'pending' };
  current.entries.push(entry);
  const list = thisRun.get(current.file) ?? [];
  list.push(entry);
  thisRun.set(current.file, list);
}

function relativeFile(file: string | undefined): string {
  return file ? path.relative(ROOT, file).split(path.sep).join('/') : '(unknown file)';
}

/** Writes the merged log and runs the report script; returns the report's exit status. */
export function writeLogAndReport(): number {
  let previous: ReliabilityLog = { version: 1, files: {} };
  if (existsSync(LOG_FILE)) {
    try {
      const parsed = JSON.parse(readFileSync(LOG_FILE, 'utf8')) as ReliabilityLog;
      if (parsed && parsed.version === 1 && parsed.files && typeof parsed.files === 'object') previous = parsed;
    } catch {
      // a broken log is replaced
    }
  }
  const files: Record<string, TrialEntry[]> = { ...previous.files };
  for (const [file, entries] of thisRun) files[file] = entries;
  const log: ReliabilityLog = { version: 1, files };
  mkdirSync(path.dirname(LOG_FILE), { recursive: true });
  writeFileSync(LOG_FILE, `${JSON.stringify(log, null, 2)}\n`);
  const result = spawnSync(process.execPath, [REPORT_SCRIPT, LOG_FILE], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) process.stderr.write(`[reliability] report failed: ${result.stderr ?? result.error?.message ?? ''}\n`);
  return result.status ?? 1;
}

if (typeof beforeEach === 'function' && typeof afterEach === 'function' && typeof after === 'function') {
  beforeEach(function () {
    const test = this.currentTest;
    current = test ? { title: test.fullTitle(), file: relativeFile(test.file), entries: [] } : undefined;
  });
  afterEach(function () {
    const state = this.currentTest?.state;
    if (current) for (const e of current.entries) e.status = state === 'passed' ? 'passed' : state === 'failed' ? 'failed' : 'pending';
    current = undefined;
  });
  after(function () {
    if (thisRun.size > 0) writeLogAndReport();
  });
}
