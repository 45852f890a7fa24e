#!/usr/bin/env node
// Checks what a packaged VSIX holds: the bundles, the webview scripts, media, manifest, README,
// CHANGELOG and LICENSE must be there; sources, source maps, tests and node_modules must not; and the
// file must stay under 3 MB. Reads the zip's central directory itself (no dependencies).
//   node scripts/check-vsix.mjs [file.vsix]     (default: the current version's VSIX in the repo root)
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const MAX_VSIX_BYTES = 3 * 1024 * 1024;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Names of the entries in a zip file, from its central directory. */
export function zipEntries(buffer) {
  // The end-of-central-directory record is in the last 22 + 65535 bytes.
  const min = Math.max(0, buffer.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buffer.length - 22; i >= min; i--) {
    if (buffer.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error('not a zip file (no end of central directory)');
  const count = buffer.readUInt16LE(eocd + 10);
  let offset = buffer.readUInt32LE(eocd + 16);
  const names = [];
  for (let n = 0; n < count; n++) {
    if (buffer.readUInt32LE(offset) !== 0x02014b50) throw new Error(`bad central directory entry ${n}`);
    const nameLength = buffer.readUInt16LE(offset + 28);
    const extraLength = buffer.readUInt16LE(offset + 30);
    const commentLength = buffer.readUInt16LE(offset + 32);
    names.push(buffer.toString('utf8', offset + 46, offset + 46 + nameLength));
    offset += 46 + nameLength + extraLength + commentLength;
  }
  return names;
}

/** The webview bundles esbuild.mjs makes: one per src/webviewUi/<name>/main.ts. */
function expectedWebviews() {
  const dir = path.join(root, 'src', 'webviewUi');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => existsSync(path.join(dir, name, 'main.ts')))
    .map((name) => `extension/dist/webview/${name}.js`);
}

const REQUIRED = [
  'extension.vsixmanifest',
  'extension/package.json',
  'extension/dist/extension.js',
  'extension/dist/cli.js',
  // Each tail's worker thread (src/tail/worker): without it no tail starts.
  'extension/dist/tailWorker.js',
  // Loaded on first use (esbuild.mjs LAZY_MODULES): a VSIX without them fails the first tail or demo.
  'extension/dist/lazy/event-hubs.js',
  'extension/dist/lazy/identity.js',
  'extension/dist/lazy/demo.js',
  'extension/dist/lazy/send-traffic.js',
  'extension/dist/lazy/storage-blob.js',
  'extension/readme.md',
  'extension/changelog.md',
  'extension/media/icon.png',
];
const FORBIDDEN = [
  [/\.map$/i, 'a source map'],
  [/\.(ts|tsx|mts|cts)$/i, 'a TypeScript source'],
  [/^extension\/(src|test|scripts|bench|docs|node_modules|\.vscode|\.ci|test-results)\//i, 'a development folder'],
  [/\.vsix$/i, 'another VSIX'],
  [/(^|\/)(tsconfig\.json|esbuild\.mjs|eslint\.config\.mjs|package-lock\.json|\.env[^/]*)$/i, 'a development file'],
];

/** Returns { size, files, problems } for a VSIX; problems is empty when it is fine. */
export function checkVsix(file) {
  const buffer = readFileSync(file);
  const files = zipEntries(buffer).filter((name) => !name.endsWith('/'));
  const lower = new Set(files.map((f) => f.toLowerCase()));
  const problems = [];
  for (const required of [...REQUIRED, ...expectedWebviews()]) {
    if (!lower.has(required.toLowerCase())) problems.push(`missing ${required}`);
  }
  if (!files.some((f) => /^extension\/license(\.txt|\.md)?$/i.test(f))) problems.push('missing extension/LICENSE');
  for (const name of files) {
    for (const [pattern, what] of FORBIDDEN) if (pattern.test(name)) problems.push(`${name} is ${what} and must not be packaged`);
  }
  const size = statSync(file).size;
  if (size > MAX_VSIX_BYTES) problems.push(`${(size / 1024 / 1024).toFixed(2)} MB is over the ${MAX_VSIX_BYTES / 1024 / 1024} MB limit`);
  return { size, files, problems };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { name, version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
  const file = path.resolve(process.argv[2] ?? path.join(root, `${name}-${version}.vsix`));
  const { size, files, problems } = checkVsix(file);
  console.log(`[check-vsix] ${path.basename(file)}: ${files.length} files, ${(size / 1024).toFixed(1)} KB`);
  for (const problem of problems) console.error(`[check-vsix] ${problem}`);
  process.exit(problems.length === 0 ? 0 : 1);
}
