// Issue 14 ("tests that can fail"): the built bundle and the packaged VSIX hold no shared access key.
// This runs in the e2e phase, after test/e2e/prepare.mjs has built and packaged the extension, so it
// always has something to scan: a missing VSIX fails the test instead of skipping it.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { unzip } from '../../support/unzip';
import { repoRoot, vsixPath } from '../support/config.mjs';

/** A shared access key or SAS signature written out (not a placeholder and not redacted). */
const LITERAL_SECRET = [/SharedAccessKey\s*=\s*(?!\*\*\*)[A-Za-z0-9+/]{20,}={0,2}/, /[?&]sig=(?!\*\*\*)[A-Za-z0-9%+/]{20,}/];
/** The keys the journeys and unit tests use: none of them may be bundled. */
function testKeys(): string[] {
  const keys = new Set<string>();
  for (const dir of [path.join(repoRoot, 'test', 'e2e', 'journeys'), path.join(repoRoot, 'test', 'unit', 'reliability')]) {
    for (const name of readdirSync(dir).filter((n) => n.endsWith('.ts'))) {
      for (const m of readFileSync(path.join(dir, name), 'utf8').matchAll(/const \w*KEY\w* = '([A-Za-z0-9+/=]{24,})'/g)) keys.add(m[1]);
    }
  }
  return [...keys];
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [full];
  });
}

describe('Packaging: no secret in the built bundle or the VSIX', () => {
  it('dist/ and every file of the VSIX hold no shared access key, SAS signature or test key', () => {
    const vsix = vsixPath();
    assert.ok(existsSync(vsix), `${path.basename(vsix)} is missing: test/e2e/prepare.mjs packages it before the journeys run`);
    const scanned: Array<[string, Buffer]> = [];
    for (const [name, data] of unzip(readFileSync(vsix))) scanned.push([`${path.basename(vsix)}:${name}`, data]);
    for (const file of filesUnder(path.join(repoRoot, 'dist'))) scanned.push([path.relative(repoRoot, file), readFileSync(file)]);
    assert.ok(
      scanned.some(([n]) => n.endsWith('extension/dist/extension.js')),
      'the VSIX holds the extension bundle',
    );
    const keys = testKeys();
    assert.ok(keys.length >= 2, 'the test keys were found');
    const found = scanned.filter(([, data]) => {
      const text = data.toString('utf8');
      return LITERAL_SECRET.some((p) => p.test(text)) || keys.some((k) => text.includes(k));
    });
    assert.deepEqual(
      found.map(([n]) => n),
      [],
    );
  });
});
