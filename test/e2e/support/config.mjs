// One place for the facts shared by the e2e setup (prepare.mjs, plain Node) and the harness (TypeScript).
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** Newest code-server (= VS Code 1.100.3) that runs on Node 20. */
export const codeServerVersion = '4.100.3';

/** Outside the repository, so a fresh clone and reruns reuse one provisioned copy. */
export const cacheRoot = process.env.DSE_E2E_CACHE ?? path.join(os.homedir(), '.cache', 'defender-stream-explorer');
export const codeServerDir = path.join(cacheRoot, `code-server-${codeServerVersion}`);
/** Written last by prepare.mjs: a code-server folder without it is incomplete. */
export const codeServerMarker = path.join(codeServerDir, '.dse-setup-complete');
export const codeServerEntry = path.join(codeServerDir, 'out', 'node', 'entry.js');

export const chromiumPath = process.env.DSE_CHROMIUM ?? '/usr/bin/chromium';

/** Debian packages the harness needs (code-server's native modules, its search, the browser). */
export const debianPackages = ['libkrb5-dev', 'pkg-config', 'ripgrep', 'chromium'];

export function extensionManifest() {
  return JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
}

/** The VSIX that scripts/package.mjs writes for the current version. */
export function vsixPath() {
  const { name, version } = extensionManifest();
  return path.join(repoRoot, `${name}-${version}.vsix`);
}

export const resultsRoot = path.join(repoRoot, 'test-results');

/** The test-only probe extension (test/e2e/probe), packaged by prepare.mjs. */
export const probeSourceDir = path.join(repoRoot, 'test', 'e2e', 'probe');
export const probeVsixPath = path.join(resultsRoot, 'e2e-probe.vsix');
export const probeExtensionId = 'defender-stream-tests.e2e-probe';
