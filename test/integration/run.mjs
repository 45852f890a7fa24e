#!/usr/bin/env node
// `npm run test:integration`: the API-level suite (test/integration/suite/*.test.ts) run INSIDE a
// real VS Code desktop by @vscode/test-electron.
//
// VS Code desktop must be downloaded from update.code.visualstudio.com (cached in .vscode-test/).
// Where that is impossible (no network, as on this project's CI machines) the run prints one line
// saying so and exits 0, or 1 with --strict / STRICT=1. Every scenario of this suite is also covered
// by an end-to-end journey in a real VS Code (code-server) that does run here: see the comments in
// suite/extension.test.ts.
//
// Options: --strict (or STRICT=1); DSE_VSCODE_EXECUTABLE=/path/to/code uses an installed VS Code.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const strict = process.argv.includes('--strict') || ['1', 'true'].includes(process.env.STRICT ?? '');
const version = '1.100.3'; // the VS Code that the e2e journeys use (code-server 4.100.3)
const outDir = path.join(root, 'out', 'integration');

function cannotRun(reason) {
  console.log(
    `[integration] not run: ${reason}${strict ? '' : ' (the e2e journeys cover these scenarios; --strict makes this a failure)'}`,
  );
  process.exit(strict ? 1 : 0);
}

const silent = { report() {}, error() {} };
const { downloadAndUnzipVSCode, runTests } = await import('@vscode/test-electron');

let vscodeExecutablePath = process.env.DSE_VSCODE_EXECUTABLE;
if (!vscodeExecutablePath) {
  try {
    vscodeExecutablePath = await downloadAndUnzipVSCode({
      version,
      cachePath: path.join(root, '.vscode-test'),
      timeout: 8000,
      reporter: silent,
    });
  } catch (error) {
    cannotRun(`VS Code ${version} cannot be downloaded here (${String(error?.message ?? error).split('\n')[0]})`);
  }
}

// VS Code desktop needs a display: use xvfb-run when there is none.
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.DSE_UNDER_XVFB) {
  if (spawnSync('sh', ['-c', 'command -v xvfb-run']).status !== 0) cannotRun('no display and no xvfb-run (apt-get install xvfb)');
  const r = spawnSync('xvfb-run', ['-a', process.execPath, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, DSE_UNDER_XVFB: '1', DSE_VSCODE_EXECUTABLE: vscodeExecutablePath },
  });
  process.exit(r.status ?? 1);
}

// Build the extension and bundle the suite (TypeScript) for VS Code's extension host.
const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(1);
const esbuild = await import('esbuild');
rmSync(outDir, { recursive: true, force: true });
await esbuild.build({
  entryPoints: [path.join(root, 'test', 'integration', 'suite', '*.ts')],
  outdir: outDir,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['vscode', 'mocha'],
  logLevel: 'warning',
});

const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'dse-integration-'));
try {
  await runTests({
    vscodeExecutablePath,
    extensionDevelopmentPath: root,
    extensionTestsPath: path.join(outDir, 'index.js'),
    launchArgs: [
      path.join(root, 'test', 'integration', 'fixtures', 'workspace'),
      '--disable-extensions',
      '--disable-workspace-trust',
      '--skip-welcome',
      '--skip-release-notes',
      '--user-data-dir',
      userDataDir,
    ],
  });
  console.log('[integration] passed');
} catch (error) {
  console.log(`[integration] failed: ${error?.message ?? error}`);
  process.exitCode = 1;
} finally {
  rmSync(userDataDir, { recursive: true, force: true });
}
