// The README's architecture table lists every folder of src/ (and the top-level folders around it)
// and nothing that is not there.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');

describe('README: the architecture table', () => {
  it('names every folder under src/ and the top-level source folders, and only folders that exist', () => {
    const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('## Architecture'), readme.indexOf('## Settings'));
    const listed = new Set([...section.matchAll(/^\| `([^`]+)` \|/gm)].map((m) => m[1]));
    for (const entry of listed) assert.ok(existsSync(path.join(root, entry)), `the README lists ${entry}, which does not exist`);
    const dirs = (dir: string) => readdirSync(path.join(root, dir)).filter((n) => statSync(path.join(root, dir, n)).isDirectory());
    const expected = [...dirs('src').map((d) => `src/${d}/`), ...dirs('test').map((d) => `test/${d}/`), 'bench/', 'wasm/', 'scripts/'];
    const mentioned = (folder: string) => listed.has(folder) || section.includes(`\`${folder.split('/').slice(-2).join('/')}\``);
    for (const folder of expected) assert.ok(listed.has(folder), `the README's architecture table does not list ${folder}`);
    for (const sub of dirs('src/vscode'))
      assert.ok(mentioned(`src/vscode/${sub}/`) || section.includes(`\`${sub}/\``), `src/vscode/${sub}/ is not described`);
  });
});
