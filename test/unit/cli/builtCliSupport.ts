// The real `defender-stream` bin (dist/cli.js) for tests that spawn it: built when it is missing or
// older than any source file, so a test never runs a stale bundle and never skips.
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { buildSync } from 'esbuild';

export const ROOT = path.resolve(__dirname, '../../..');
export const BUILT_CLI = path.join(ROOT, 'dist', 'cli.js');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/**
 * Builds dist/cli.js alone, with the options esbuild.mjs gives the CLI entry (so a half-edited
 * extension elsewhere in src/ cannot stop the CLI tests), when it is missing or older than the sources.
 */
export function ensureBuiltCli(): void {
  const sources = Math.max(
    newestSource(path.join(ROOT, 'src')),
    statSync(path.join(ROOT, 'package.json')).mtimeMs,
    statSync(__filename).mtimeMs,
  );
  if (existsSync(BUILT_CLI) && statSync(BUILT_CLI).mtimeMs >= sources) return;
  const version = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  buildSync({
    absWorkingDir: ROOT,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    bundle: true,
    sourcemap: 'linked',
    legalComments: 'none',
    logLevel: 'warning',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    // The SDKs esbuild.mjs keeps in dist/lazy/ are inlined here; some of their files read import.meta.url
    // (@azure/storage-common's CRC64), which a CommonJS bundle lacks: the same stand-in as the lazy build's.
    banner: { js: "#!/usr/bin/env node\nvar __lazyBundleUrl = require('url').pathToFileURL(__filename).href;" },
    define: { __VERSION__: JSON.stringify(version), 'import.meta.url': '__lazyBundleUrl' },
  });
}

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs dist/cli.js with only the environment given (plus PATH), and `input` on stdin. */
export function runBuiltCli(args: readonly string[], options: { env?: Record<string, string>; input?: string } = {}): CliRun {
  const result = spawnSync(process.execPath, [BUILT_CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 30_000,
    input: options.input ?? '',
    env: { PATH: process.env.PATH ?? '', ...options.env },
  });
  assert.equal(result.error, undefined, String(result.error));
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh random 32-byte key in base64, like the ones Event Hubs issues (with "+", "/" and "=" often). */
export function randomKey(): string {
  return randomBytes(32).toString('base64');
}

/** Every run of 8 characters of `secret` that shows up in `text`. */
export function leakedRuns(text: string, secret: string, length = 8): string[] {
  const runs = new Set<string>();
  for (let i = 0; i + length <= secret.length; i++) {
    const run = secret.slice(i, i + length);
    if (text.includes(run)) runs.add(run);
  }
  return [...runs];
}
