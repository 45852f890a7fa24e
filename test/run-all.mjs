#!/usr/bin/env node
// Runs every test suite and ends with one line "N passed, N failed".
//   npm test              unit tests, then the end-to-end journeys in a real VS Code (code-server)
//   npm run test:unit     unit tests only (plain Node, no VS Code)
//   npm run test:e2e      end-to-end journeys only
// Installs npm dependencies first when node_modules is missing, so it works on a fresh clone.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const only = ['--unit', '--e2e'].filter((a) => args.has(a));
const wanted = (name) => only.length === 0 || args.has(`--${name}`);

function run(cmd, cmdArgs, env = {}) {
  const result = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

if (!existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
  console.log('[test] installing npm dependencies from the lockfile (npm ci)...');
  if (run('npm', ['ci', '--no-audit', '--no-fund']) !== 0) {
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
}

const mocha = path.join(root, 'node_modules', 'mocha', 'bin', 'mocha.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'dse-test-'));
const totals = { passes: 0, failures: 0, pending: 0 };
const suites = [];

function runSuite(name, mochaArgs, env = {}) {
  const countsFile = path.join(tmp, `${name}.json`);
  const status = run(process.execPath, [mocha, '--import=tsx', '--reporter', 'test/support/countingReporter.cjs', ...mochaArgs], {
    TEST_COUNTS_FILE: countsFile,
    ...env,
  });
  let counts = { passes: 0, failures: status === 0 ? 0 : 1, pending: 0 };
  if (existsSync(countsFile)) {
    counts = JSON.parse(readFileSync(countsFile, 'utf8'));
    // A suite that crashed after its last test still fails the run.
    if (status !== 0 && counts.failures === 0) counts.failures = 1;
  } else {
    console.log(`[test] suite "${name}" ended (exit ${status}) without reporting results: counted as 1 failure`);
  }
  suites.push({ name, ...counts });
  totals.passes += counts.passes;
  totals.failures += counts.failures;
  totals.pending += counts.pending;
}

if (wanted('unit')) {
  // The webview page tests and the render benchmark's smoke run drive Debian's Chromium headless.
  run(process.execPath, [path.join(root, 'test', 'e2e', 'prepare.mjs'), '--system-only']);
  runSuite('unit', ['--config', 'test/unit/.mocharc.json']);
}

if (wanted('e2e')) {
  // Builds and packages the VSIX, provisions code-server and Chromium, then runs the journeys.
  const prepare = path.join(root, 'test', 'e2e', 'prepare.mjs');
  if (existsSync(prepare) && run(process.execPath, [prepare]) !== 0) {
    suites.push({ name: 'e2e (setup)', passes: 0, failures: 1, pending: 0 });
    totals.failures += 1;
  } else if (existsSync(path.join(root, 'test', 'e2e', '.mocharc.json'))) {
    runSuite('e2e', ['--config', 'test/e2e/.mocharc.json']);
  }
}

rmSync(tmp, { recursive: true, force: true });
console.log('');
for (const s of suites)
  console.log(`[test] ${s.name}: ${s.passes} passed, ${s.failures} failed${s.pending ? `, ${s.pending} pending` : ''}`);
console.log(`${totals.passes} passed, ${totals.failures} failed`);
process.exit(totals.failures === 0 && totals.passes > 0 ? 0 : 1);
