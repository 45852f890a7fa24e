// `npm run demo`'s local Azure Storage emulator: the demo traffic also goes to Azurite in the layout of
// Defender's Storage export. Uses one already listening on the port (default 127.0.0.1:10000), else starts
// the repository's dev dependency (node_modules/azurite) there, its data in a temporary folder removed on
// stop; without either it says how to get one and the demo goes on without Storage.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const AZURITE_HOST = '127.0.0.1';
export const AZURITE_PORT = 10000;
export const AZURITE_GET_HINT =
  'npm install (Azurite is a dev dependency), or run "npx azurite-blob --skipApiVersionCheck --disableTelemetry" in another terminal, or the Azurite extension of VS Code';

/** Whether something accepts TCP connections on host:port. */
export function isListening(host, port, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (answer) => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * An Azurite blob service for the demo: `{ endpoint, started, stop() }`, or undefined (after a line saying
 * how to get one) when none runs and the dev dependency cannot start. Never throws.
 */
export async function ensureAzurite({ root, port = AZURITE_PORT, log = console.log, timeoutMs = 30_000 } = {}) {
  const endpoint = `http://${AZURITE_HOST}:${port}/devstoreaccount1`;
  if (await isListening(AZURITE_HOST, port)) {
    log(`[demo] Azurite (or something) already listens on ${AZURITE_HOST}:${port}: the demo traffic also goes there.`);
    return { endpoint, started: false, stop: async () => undefined };
  }
  const main = path.join(root, 'node_modules', 'azurite', 'dist', 'src', 'blob', 'main.js');
  if (!existsSync(main)) {
    log(
      `[demo] No Azurite on ${AZURITE_HOST}:${port} and none in node_modules: the demo goes on without Storage. To get one: ${AZURITE_GET_HINT}.`,
    );
    return undefined;
  }
  const location = mkdtempSync(path.join(tmpdir(), 'defender-stream-demo-azurite-'));
  const child = spawn(
    process.execPath,
    [
      main,
      '--blobHost',
      AZURITE_HOST,
      '--blobPort',
      String(port),
      '--location',
      location,
      '--skipApiVersionCheck',
      '--disableTelemetry',
      '--loose',
    ],
    { cwd: location, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const cleanUp = () => rmSync(location, { recursive: true, force: true });
  let output = '';
  const listening = await new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    const onData = (chunk) => {
      output += chunk.toString();
      if (/successfully listens on/.test(output)) {
        clearTimeout(timer);
        resolve(true);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk) => (output += chunk.toString()));
    child.once('error', () => resolve(false));
    child.once('exit', () => {
      clearTimeout(timer);
      resolve(false);
    });
  });
  if (!listening) {
    if (child.exitCode === null) child.kill('SIGKILL');
    cleanUp();
    const why = output.trim().split('\n').pop() ?? '';
    log(
      `[demo] Azurite did not start on ${AZURITE_HOST}:${port}${why ? ` (${why.slice(0, 200)})` : ''}: the demo goes on without Storage. To get one: ${AZURITE_GET_HINT}.`,
    );
    return undefined;
  }
  child.stdout.resume();
  child.stderr.resume();
  log(`[demo] Started Azurite (the dev dependency) on ${endpoint}: the demo traffic also goes there in Defender's Storage layout.`);
  let stopped;
  return {
    endpoint,
    started: true,
    stop: () =>
      (stopped ??= new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(undefined);
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve(undefined);
        });
        child.kill('SIGTERM');
      }).then(cleanUp)),
  };
}
