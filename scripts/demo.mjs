#!/usr/bin/env node
// `npm run demo`: try Defender Stream Explorer without an Azure subscription.
//   1. installs dependencies (npm ci) when node_modules is missing, and builds (node esbuild.mjs);
//   2. starts the local Event Hubs-compatible hub with realistic Defender traffic (the built CLI's
//      `defender-stream local-hub`) and prints its connection string; the same traffic also goes to a
//      local Azurite in Defender's Storage-export layout: one already running on 127.0.0.1:10000, else the
//      dev dependency started there (scripts/demoAzurite.mjs); without either it says how to get one;
//   3. when a `code` executable is on PATH, opens VS Code with the extension loaded; otherwise serves
//      the real VS Code 1.100.3 in a browser with the extension installed (scripts/demoInBrowser.ts,
//      code-server as in the end-to-end tests) and prints its URL; should that set-up fail, or with
//      --no-code, runs `defender-stream tail` on the hub so the records show in the terminal.
// Ctrl+C stops everything cleanly.
//
// Options: --rate N (records/s, default 50)  --port N  --duration SECONDS (stop by itself)  --no-code
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ensureAzurite } from './demoAzurite.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argv = process.argv.slice(2);

function option(name, fallback) {
  const i = argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = argv[i + 1];
  if (value === undefined || !/^\d+$/.test(value)) {
    console.error(`demo: --${name} needs a whole number.`);
    process.exit(2);
  }
  return Number(value);
}
const known = new Set(['--rate', '--port', '--duration', '--no-code']);
for (let i = 0; i < argv.length; i++) {
  if (!known.has(argv[i])) {
    console.error(`demo: unknown option "${argv[i]}". Options: --rate N, --port N, --duration SECONDS, --no-code`);
    process.exit(2);
  }
  if (argv[i] !== '--no-code') i++;
}
const rate = option('rate', 50);
const port = option('port', 0);
const duration = option('duration', 0);
const useCode = !argv.includes('--no-code');

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) {
    console.error(`demo: "${cmd} ${args.join(' ')}" failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
}

function findOnPath(name) {
  const exts = process.platform === 'win32' ? ['.cmd', '.exe', ''] : [''];
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // not here
      }
    }
  }
  return undefined;
}

if (!existsSync(path.join(root, 'node_modules', '.package-lock.json'))) {
  console.log('[demo] installing dependencies (npm ci)...');
  run('npm', ['ci', '--no-audit', '--no-fund']);
}
console.log('[demo] building...');
run(process.execPath, ['esbuild.mjs']);

const azurite = await ensureAzurite({ root });
/** local-hub's options that send its traffic to Azurite too (without one it says how to get one). */
const azuriteArgs = azurite ? ['--azurite-endpoint', azurite.endpoint] : ['--azurite'];
const BROWSER_STORAGE_HINT =
  '[demo] Storage: "Start Demo Hub" also writes its traffic to Azurite, shown as "Demo storage (Azurite)" in the Storage Accounts view.';
const STORAGE_HINT =
  '[demo] Storage: in VS Code, "Add Storage Account..." with UseDevelopmentStorage=true; or DEFENDER_STREAM_STORAGE_CONNECTION_STRING=\'UseDevelopmentStorage=true\' node dist/cli.js tail';

const code = useCode ? findOnPath('code') : undefined;
if (useCode && !code) {
  // No VS Code desktop here: the same VS Code in a browser (code-server), with the extension installed.
  // Its demo hub runs in the extension, and Start Demo Hub also fills the Azurite found at its default endpoint.
  if (azurite) console.log(BROWSER_STORAGE_HINT);
  const status = await inBrowser();
  if (status !== 3) {
    await azurite?.stop();
    process.exit(status ?? 0);
  }
  console.log('[demo] showing the stream in this terminal instead.');
}

/** Runs scripts/demoInBrowser.ts until it ends (Ctrl+C reaches it too); its exit code, 3 when it could not set up. */
function inBrowser() {
  const args = ['--import', 'tsx', path.join(root, 'scripts', 'demoInBrowser.ts'), '--rate', String(rate)];
  if (duration > 0) args.push('--duration', String(duration));
  const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
  const ignore = () => undefined; // the child stops code-server on Ctrl+C and then exits
  process.on('SIGINT', ignore);
  return new Promise((resolve) => {
    child.once('exit', (status, signal) => {
      process.off('SIGINT', ignore);
      resolve(signal ? 0 : status);
    });
  });
}

console.log(`[demo] starting the local hub with ${rate} records/s of Defender traffic...`);
// The same traffic also goes to Azurite in Defender's Storage layout (or it says how to get one).
const hub = spawn(
  process.execPath,
  [path.join(root, 'dist', 'cli.js'), 'local-hub', '--rate', String(rate), '--port', String(port), ...azuriteArgs],
  {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const hubExited = new Promise((resolve) => hub.once('exit', (code) => resolve(code)));
const lines = createInterface({ input: hub.stdout });
let connectionString;
const ready = new Promise((resolve, reject) => {
  lines.on('line', (line) => {
    console.log(`  ${line}`);
    const match = /^ {2}[^:]+: (Endpoint=.*;EntityPath=.*)$/.exec(line);
    if (match && !connectionString) connectionString = match[1];
    if (line.startsWith('Press Ctrl+C')) resolve(undefined);
  });
  hub.once('exit', (code) => reject(new Error(`the local hub exited (code ${code}) before it was ready`)));
});

let stopping = false;
let tail;
let tailExited;
async function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  if (tail && tail.exitCode === null) {
    tail.kill('SIGINT'); // prints its per-table summary
    const tailCode = await Promise.race([tailExited, new Promise((r) => setTimeout(() => r('timeout'), 5000))]);
    if (tailCode === 'timeout') tail.kill('SIGKILL');
  }
  if (hub.exitCode === null) hub.kill('SIGINT');
  const hubCode = await Promise.race([hubExited, new Promise((r) => setTimeout(() => r('timeout'), 5000))]);
  if (hubCode === 'timeout') hub.kill('SIGKILL');
  await azurite?.stop();
  console.log('[demo] stopped.');
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

try {
  await ready;
} catch (error) {
  console.error(`[demo] ${error.message}`);
  await azurite?.stop();
  process.exit(1);
}
if (azurite) console.log(STORAGE_HINT);
if (duration > 0) setTimeout(() => void stop(0), duration * 1000).unref();

if (code) {
  console.log(`[demo] opening VS Code with the extension (${code} --extensionDevelopmentPath=${root})...`);
  const child = spawn(code, [`--extensionDevelopmentPath=${root}`], {
    cwd: root,
    stdio: 'ignore',
    detached: true,
    shell: process.platform === 'win32',
  });
  child.on('error', (error) => console.error(`[demo] could not start VS Code: ${error.message}`));
  child.unref();
  console.log('[demo] In VS Code, run "Defender Stream: Start Demo Hub" from the Command Palette (or the Event Hubs view),');
  console.log('       or "Defender Stream: Add Event Hub..." with the connection string above. Ctrl+C here stops this hub.');
} else {
  console.log(`[demo] ${useCode ? 'The stream' : 'With --no-code, the stream'} is shown here. Ctrl+C stops.`);
  await showInTerminal(connectionString);
}

/** Shows the stream with the project's own `defender-stream tail` (one readable line per record, a summary at the end). */
async function showInTerminal(cs) {
  // The key goes through the environment, not the command line (visible to other users in `ps`).
  tail = spawn(process.execPath, [path.join(root, 'dist', 'cli.js'), 'tail', '--from', 'latest'], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, DEFENDER_STREAM_CONNECTION_STRING: cs },
  });
  tailExited = new Promise((resolve) => tail.once('exit', (code) => resolve(code)));
}
