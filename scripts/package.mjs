#!/usr/bin/env node
// Builds the production bundle and packages it as <name>-<version>.vsix in the repository root, then
// checks what the VSIX holds and that it stays under 3 MB (scripts/check-vsix.mjs).
// vsce runs the `vscode:prepublish` script (esbuild --production) first. Dependencies are bundled by
// esbuild, so vsce runs with --no-dependencies; nothing here needs the network.
// The project has no public repository URL: vsce is told so (--allow-missing-repository), and relative
// links in the README stay relative (--no-rewrite-relative-links) instead of pointing at a made-up host.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkVsix, MAX_VSIX_BYTES } from './check-vsix.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { name, version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const out = `${name}-${version}.vsix`;

function run(args) {
  // stdin closed: vsce must never wait for an answer to a question.
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    console.error(`[package] failed: node ${args.join(' ')}`);
    process.exit(1);
  }
}

const vsceArgs = ['package', '--no-dependencies', '--allow-missing-repository', '--no-rewrite-relative-links', '--out', out];
if (!['LICENSE', 'LICENSE.md', 'LICENSE.txt'].some((f) => existsSync(path.join(root, f)))) {
  // vsce would otherwise stop and ask on stdin.
  console.warn('[package] warning: no LICENSE file; packaging with --skip-license');
  vsceArgs.push('--skip-license');
}
// A clean dist/: stale bundles or source maps from development builds must not end up in the VSIX.
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
run([path.join(root, 'node_modules', '@vscode', 'vsce', 'vsce'), ...vsceArgs]);

const { size, files, problems } = checkVsix(path.join(root, out));
console.log(
  `[package] wrote ${out}: ${(size / 1024).toFixed(1)} KB (${(size / 1024 / 1024).toFixed(2)} MB of ${MAX_VSIX_BYTES / 1024 / 1024} MB allowed), ${files.length} files`,
);
if (problems.length > 0) {
  for (const problem of problems) console.error(`[package] ${problem}`);
  console.error(`[package] failed: ${out} is not fit to ship`);
  process.exit(1);
}
