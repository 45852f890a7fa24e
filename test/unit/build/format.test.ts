// The code is formatted (Prettier, .prettierrc.json: 140 columns), so lines stay readable and diffs
// show changes, not styles. `npm run format` fixes what this finds.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

describe('format', function () {
  this.timeout(120_000);
  it('every source, test, bench and script file is as Prettier writes it', () => {
    const prettier = path.join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
    const globs = ['src/**/*.ts', 'test/**/*.{ts,mjs,cjs,js}', 'bench/**/*.{ts,mjs}', 'scripts/**/*.mjs', '*.mjs'];
    const result = spawnSync(process.execPath, [prettier, '--list-different', ...globs], { cwd: root, encoding: 'utf8' });
    assert.equal(result.stdout.trim(), '', `not formatted (run npm run format):\n${result.stdout}${result.stderr}`);
    assert.equal(result.status, 0, result.stderr);
  });
});
