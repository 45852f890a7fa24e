#!/usr/bin/env node
// `npm run screenshots`: runs the end-to-end journeys (all, or the ones named) with
// DSE_README_SCREENSHOTS=1, so each journey's key screenshots (workbench.screenshot(step, { readme }))
// are also copied to media/screenshots/<name>.png for the README. Every screenshot still goes to
// test-results/<journey>/ as in a normal run.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './support/config.mjs';

const started = Date.now();
const result = spawnSync(process.execPath, [path.join(repoRoot, 'test', 'e2e', 'run.mjs'), ...process.argv.slice(2)], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: { ...process.env, DSE_README_SCREENSHOTS: '1' },
});
const dir = path.join(repoRoot, 'media', 'screenshots');
let updated = [];
try {
  updated = readdirSync(dir).filter((f) => f.endsWith('.png') && statSync(path.join(dir, f)).mtimeMs >= started);
} catch {
  // No screenshots folder yet.
}
console.log(`[screenshots] updated ${updated.length} README image(s) in media/screenshots/: ${updated.join(', ') || 'none'}`);
if (result.status !== 0) console.log('[screenshots] some journeys failed: their images may be missing or stale');
process.exit(result.status ?? 1);
