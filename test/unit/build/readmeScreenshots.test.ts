// Every README image is one that a journey takes (so `npm run screenshots` refreshes it), and every
// image a journey marks for the README is shown there: no stale or orphaned screenshot.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');
const journeysDir = path.join(root, 'test/e2e/journeys');

function readmeImages(): string[] {
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  return [...readme.matchAll(/\]\(media\/screenshots\/([\w-]+)\.png\)/g)].map((m) => m[1]);
}

function journeyReadmeNames(): string[] {
  const names: string[] = [];
  for (const file of readdirSync(journeysDir).filter((f) => f.endsWith('.test.ts'))) {
    const text = readFileSync(path.join(journeysDir, file), 'utf8');
    for (const m of text.matchAll(/readme:\s*'([\w-]+)'/g)) names.push(m[1]);
  }
  return names;
}

describe('build: README screenshots', () => {
  it('shows only images that a journey takes for it, and every such image', () => {
    const shown = readmeImages();
    const taken = journeyReadmeNames();
    assert.ok(shown.length >= 5, 'the README shows its screenshots');
    assert.deepEqual(
      shown.filter((n) => !taken.includes(n)),
      [],
      'README images no journey takes (npm run screenshots would never refresh them)',
    );
    assert.deepEqual(
      [...new Set(taken.filter((n) => !shown.includes(n)))],
      [],
      'images journeys take for the README that it does not show',
    );
  });
});
