#!/usr/bin/env node
// Runs chosen journeys (all when none is named) after the usual setup:
//   node test/e2e/run.mjs                  every journey
//   node test/e2e/run.mjs activation kql   test/e2e/journeys/{activation,kql}.test.ts
//   node test/e2e/run.mjs --no-prepare kql skip prepare.mjs (reuse the last VSIX)
// (`mocha --config test/e2e/.mocharc.json FILE` would run FILE *and* every journey: mocha adds
// the config's spec to the command line's.)
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './support/config.mjs';

const args = process.argv.slice(2);
const prepare = !args.includes('--no-prepare');
const names = args.filter((a) => !a.startsWith('--'));
const files = names.length
  ? names.map((n) => (n.endsWith('.ts') ? n : path.join('test', 'e2e', 'journeys', `${n}.test.ts`)))
  : ['test/e2e/journeys/**/*.test.ts'];
for (const f of files) {
  if (!f.includes('*') && !existsSync(path.resolve(repoRoot, f))) {
    console.error(`no such journey: ${f}`);
    process.exit(2);
  }
}

function run(cmd, cmdArgs) {
  return spawnSync(cmd, cmdArgs, { cwd: repoRoot, stdio: 'inherit' }).status ?? 1;
}

if (prepare && run(process.execPath, ['test/e2e/prepare.mjs']) !== 0) process.exit(1);
const mocha = path.join(repoRoot, 'node_modules', 'mocha', 'bin', 'mocha.js');
process.exit(
  run(process.execPath, [
    mocha,
    '--import=tsx',
    '--require',
    'test/e2e/support/hooks.ts',
    '--timeout',
    '120000',
    '--slow',
    '30000',
    ...files,
  ]),
);
