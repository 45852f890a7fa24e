// `npm run demo` on a machine without a `code` executable: the real VS Code 1.100.3 in a browser
// (code-server, the same one the end-to-end tests drive) with the packaged extension installed, so
// the demo shows the extension itself. Run by scripts/demo.mjs with tsx; exits 3 when it cannot set up
// (demo.mjs then shows the stream in the terminal instead).
//   1. test/e2e/prepare.mjs: Debian packages, code-server (cached in ~/.cache/defender-stream-explorer),
//      and the VSIX of the current sources;
//   2. installs the VSIX into a demo profile kept in that cache (settings and state survive restarts);
//   3. serves the workbench on a loopback port and prints its URL. Ctrl+C stops it.
// Options: --rate N (records/s of the demo hub)  --duration SECONDS (stop by itself)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { installExtensions, startCodeServer, type RunningCodeServer } from '../test/e2e/support/codeServer';
import { cacheRoot, codeServerVersion, repoRoot, vsixPath } from '../test/e2e/support/config.mjs';

function numberOption(name: string): number | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && /^\d+$/.test(process.argv[i + 1] ?? '') ? Number(process.argv[i + 1]) : undefined;
}

async function main(): Promise<void> {
  console.log('[demo] no "code" executable on PATH: setting up VS Code in the browser (code-server; a few minutes the first time)...');
  const prepare = spawnSync(process.execPath, [path.join(repoRoot, 'test', 'e2e', 'prepare.mjs')], { cwd: repoRoot, stdio: 'inherit' });
  if (prepare.status !== 0) {
    console.error(`[demo] the set-up failed (exit ${prepare.status ?? prepare.signal}); its log: test-results/e2e-setup.log`);
    process.exit(3);
  }

  const home = path.join(cacheRoot, 'demo');
  const userDataDir = path.join(home, 'user-data');
  const extensionsDir = path.join(home, 'extensions');
  const folder = path.join(home, 'workspace');
  for (const dir of [path.join(userDataDir, 'User'), extensionsDir, folder]) mkdirSync(dir, { recursive: true });
  const settingsFile = path.join(userDataDir, 'User', 'settings.json');
  if (!existsSync(settingsFile)) {
    const settings: Record<string, unknown> = {
      'workbench.startupEditor': 'none',
      'telemetry.telemetryLevel': 'off',
      'security.workspace.trust.enabled': false,
      'update.mode': 'none',
      'extensions.autoUpdate': false,
    };
    const rate = numberOption('rate');
    if (rate !== undefined) settings['defenderStream.demo.rate'] = rate;
    writeFileSync(settingsFile, JSON.stringify(settings, null, 2));
  }
  installExtensions([vsixPath()], { extensionsDir, userDataDir });

  let server: RunningCodeServer;
  try {
    server = await startCodeServer({ extensionsDir, userDataDir, folder, logFile: path.join(home, 'code-server.log') });
  } catch (error) {
    console.error(`[demo] code-server did not start: ${(error as Error).message}`);
    process.exit(3);
  }
  console.log('');
  console.log(`[demo] VS Code in the browser (code-server ${codeServerVersion}) with Defender Stream Explorer is running (loopback only):`);
  console.log('');
  console.log(`    ${server.url}`);
  console.log('');
  console.log('[demo] Open it in a browser (on another machine: ssh -L with this port), click the Defender Stream');
  console.log('       icon in the activity bar, then "Start Demo Hub", and "Start Live Tail" on a hub. Ctrl+C stops.');

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    console.log('[demo] stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  const duration = numberOption('duration');
  if (duration) setTimeout(() => void stop(), duration * 1000);
  setInterval(() => undefined, 1 << 30); // stay up until a signal
}

void main();
