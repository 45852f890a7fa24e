#!/usr/bin/env node
// Sets up everything the end-to-end journeys need, then exits 0; on failure prints one clear line and
// exits 1. Idempotent: reruns only redo what is missing.
//   1. Debian packages (libkrb5-dev pkg-config ripgrep chromium), installed with apt-get when root.
//   2. code-server (a real VS Code served to a browser), provisioned once into ~/.cache (see config.mjs).
//   3. The extension, built and packaged into the current VSIX.
// With --system-only it does step 1 alone (the unit tests' headless-Chromium page tests need it).
// Output of the long steps goes to test-results/e2e-setup.log.
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  cacheRoot,
  chromiumPath,
  codeServerDir,
  codeServerEntry,
  codeServerMarker,
  codeServerVersion,
  debianPackages,
  probeSourceDir,
  probeVsixPath,
  repoRoot,
  resultsRoot,
  vsixPath,
} from './support/config.mjs';

const logFile = path.join(resultsRoot, 'e2e-setup.log');
const started = Date.now();

class SetupError extends Error {}

function say(message) {
  console.log(`[e2e setup] ${message}`);
}

/** Runs a command with its output going to the setup log; throws a SetupError naming the step. */
function sh(step, cmd, args, options = {}) {
  appendFileSync(logFile, `\n$ (${options.cwd ?? repoRoot}) ${cmd} ${args.join(' ')}\n`);
  const result = spawnSync(cmd, args, {
    cwd: options.cwd ?? repoRoot,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    timeout: options.timeoutMs ?? 15 * 60_000,
  });
  appendFileSync(logFile, `${result.stdout ?? ''}${result.stderr ?? ''}`);
  if (result.error || result.status !== 0) {
    const why = result.error ? result.error.message : `exit ${result.status}`;
    throw new SetupError(`${step} failed (${why}); see ${path.relative(repoRoot, logFile)}`);
  }
  return result.stdout ?? '';
}

function missingDebianPackages() {
  return debianPackages.filter((pkg) => {
    const r = spawnSync('dpkg-query', ['-W', '-f=${Status}', pkg], { encoding: 'utf8' });
    return r.status !== 0 || !r.stdout.includes('install ok installed');
  });
}

function ensureDebianPackages() {
  const hasDpkg = spawnSync('dpkg-query', ['--version']).status === 0;
  if (!hasDpkg) {
    // Not Debian: accept the tools if they are simply there.
    const absent = [chromiumPath, 'rg'].filter((bin) => spawnSync('sh', ['-c', `command -v ${bin}`]).status !== 0);
    if (absent.length) throw new SetupError(`not a Debian system and missing ${absent.join(', ')}; install Chromium and ripgrep`);
    return;
  }
  const missing = missingDebianPackages();
  if (missing.length === 0) {
    say('Debian packages present');
    return;
  }
  if (process.getuid?.() !== 0) {
    throw new SetupError(
      `missing Debian packages: ${missing.join(' ')}. Run as root: apt-get update && apt-get install -y ${missing.join(' ')}`,
    );
  }
  say(`installing Debian packages: ${missing.join(' ')} (apt-get)`);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  sh('apt-get update', 'apt-get', ['update'], { env });
  sh('apt-get install', 'apt-get', ['install', '-y', ...missing], { env, timeoutMs: 30 * 60_000 });
  const still = missingDebianPackages();
  if (still.length) throw new SetupError(`apt-get could not install: ${still.join(' ')}`);
}

function linkIfMissing(target, linkPath) {
  if (existsSync(linkPath)) return;
  rmSync(linkPath, { force: true }); // a dangling link
  mkdirSync(path.dirname(linkPath), { recursive: true });
  symlinkSync(target, linkPath);
}

function ensureCodeServer() {
  if (existsSync(codeServerMarker) && existsSync(codeServerEntry)) {
    say(`code-server ${codeServerVersion} cached at ${codeServerDir}`);
    return;
  }
  say(`provisioning code-server ${codeServerVersion} into ${codeServerDir} (takes a few minutes, once)`);
  mkdirSync(cacheRoot, { recursive: true });
  const staging = `${codeServerDir}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const npmEnv = { npm_config_yes: 'true', npm_config_fund: 'false', npm_config_audit: 'false' };
    sh('npm pack code-server', 'npm', ['pack', `code-server@${codeServerVersion}`], { cwd: staging, env: npmEnv });
    const tarball = readdirSync(staging).find((f) => f.endsWith('.tgz'));
    if (!tarball) throw new SetupError('npm pack produced no tarball');
    sh('unpack code-server', 'tar', ['xzf', tarball, '--strip-components=1'], { cwd: staging });
    rmSync(path.join(staging, tarball));
    const vscodeDir = path.join(staging, 'lib', 'vscode');
    // Its postinstall downloads ripgrep from GitHub (no network here) and needs kerberos headers:
    // install without scripts, then rebuild the native modules explicitly.
    for (const dir of [staging, vscodeDir, path.join(vscodeDir, 'extensions')]) {
      say(`  npm install in ${path.relative(staging, dir) || '.'}`);
      sh('npm install (code-server)', 'npm', ['install', '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund'], {
        cwd: dir,
        env: npmEnv,
      });
    }
    say('  rebuilding native modules');
    sh('npm rebuild argon2', 'npm', ['rebuild', 'argon2'], { cwd: staging, env: npmEnv });
    sh(
      'npm rebuild (VS Code native modules)',
      'npm',
      ['rebuild', '@parcel/watcher', '@vscode/spdlog', 'kerberos', 'native-watchdog', 'node-pty', '@vscode/deviceid'],
      { cwd: vscodeDir, env: npmEnv },
    );
    const rg = spawnSync('sh', ['-c', 'command -v rg'], { encoding: 'utf8' }).stdout.trim() || '/usr/bin/rg';
    linkIfMissing(rg, path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin', 'rg'));
    linkIfMissing('node_modules', path.join(vscodeDir, 'node_modules.asar'));
    linkIfMissing('code-linux.sh', path.join(vscodeDir, 'bin', 'remote-cli', 'code-server'));
    linkIfMissing('browser-linux.sh', path.join(vscodeDir, 'bin', 'helpers', 'browser.sh'));
    // An explicit (empty) config file keeps code-server from writing one into ~/.config.
    const config = path.join(staging, '.dse-empty-config.yaml');
    writeFileSync(config, '');
    const printed = sh('code-server --version', process.execPath, [
      path.join(staging, 'out', 'node', 'entry.js'),
      '--config',
      config,
      '--version',
    ]);
    const version = printed.split('\n').find((line) => line.startsWith(`${codeServerVersion} `));
    if (!version) throw new SetupError(`code-server --version printed "${printed.trim()}"`);
    if (existsSync(codeServerMarker)) {
      // Another run finished provisioning meanwhile (and may be using it): keep that one.
      rmSync(staging, { recursive: true, force: true });
      say('code-server was provisioned by a concurrent run; using it');
      return;
    }
    rmSync(codeServerDir, { recursive: true, force: true });
    renameSync(staging, codeServerDir);
    writeFileSync(codeServerMarker, `${new Date().toISOString()}\n${version}\n`);
    say(`code-server ready (${version.trim()})`);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

function packageExtension() {
  const out = vsixPath();
  const before = existsSync(out) ? statSync(out).mtimeMs : 0;
  say(`building and packaging ${path.basename(out)}`);
  sh('npm run package', process.execPath, [path.join(repoRoot, 'scripts', 'package.mjs')]);
  if (!existsSync(out) || statSync(out).mtimeMs <= before) {
    throw new SetupError(`scripts/package.mjs did not write ${path.relative(repoRoot, out)}`);
  }
  const vsce = path.join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  sh(
    'package the e2e probe',
    process.execPath,
    [vsce, 'package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '--out', probeVsixPath],
    {
      cwd: probeSourceDir,
    },
  );
}

try {
  mkdirSync(resultsRoot, { recursive: true });
  writeFileSync(logFile, `e2e setup ${new Date().toISOString()}\n`);
  ensureDebianPackages();
  if (!existsSync(chromiumPath)) throw new SetupError(`Chromium not found at ${chromiumPath}`);
  if (process.argv.includes('--system-only')) {
    say('system packages ready');
    process.exit(0);
  }
  ensureCodeServer();
  packageExtension();
  say(`ready in ${((Date.now() - started) / 1000).toFixed(0)} s`);
} catch (error) {
  const message = error instanceof SetupError ? error.message : (error?.stack ?? String(error));
  console.log(`[e2e setup] FAILED: ${message}`);
  process.exit(1);
}
