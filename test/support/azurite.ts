import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEV_ACCOUNT_KEY, DEV_ACCOUNT_NAME } from '../../src/storage/account';

/** A running Azurite blob service (the real emulator from node_modules) on a free loopback port. */
export interface Azurite {
  readonly port: number;
  /** `http://127.0.0.1:<port>/devstoreaccount1` */
  readonly blobEndpoint: string;
  /** A connection string with the well-known development key. */
  readonly connectionString: string;
  stop(): Promise<void>;
}

const MAIN = path.resolve(__dirname, '../../node_modules/azurite/dist/src/blob/main.js');
const LISTENING = /successfully listens on https?:\/\/[^:]+:(\d+)/;

/**
 * Starts Azurite's blob service only: in memory, in a temporary working folder, without telemetry, on
 * 127.0.0.1 and a port the OS picks (read from its start-up line, so two suites never race for one), or `port`. Its
 * process group is killed on `stop()` and when this process exits.
 */
export async function startAzurite(timeoutMs = 30_000, port = 0): Promise<Azurite> {
  const cwd = mkdtempSync(path.join(tmpdir(), 'azurite-'));
  const child = spawn(
    process.execPath,
    [
      MAIN,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(port),
      '--inMemoryPersistence',
      '--extentMemoryLimit',
      '512',
      '--skipApiVersionCheck',
      '--disableTelemetry',
      '--loose',
    ],
    { cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const kill = (): void => killGroup(child);
  process.once('exit', kill);
  let output = '';
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Azurite did not start within ${timeoutMs} ms: ${output.slice(-500)}`)), timeoutMs);
      const onData = (chunk: Buffer): void => {
        output += chunk.toString();
        const m = LISTENING.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Azurite exited (${code}) before it listened: ${output.slice(-500)}`));
      });
    });
    child.stdout?.resume();
    child.stderr?.resume();
    const blobEndpoint = `http://127.0.0.1:${port}/${DEV_ACCOUNT_NAME}`;
    let stopped: Promise<void> | undefined;
    return {
      port,
      blobEndpoint,
      connectionString: `DefaultEndpointsProtocol=http;AccountName=${DEV_ACCOUNT_NAME};AccountKey=${DEV_ACCOUNT_KEY};BlobEndpoint=${blobEndpoint};`,
      stop: () =>
        (stopped ??= (async () => {
          process.removeListener('exit', kill);
          const exited = child.exitCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
          killGroup(child);
          await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
          rmSync(cwd, { recursive: true, force: true });
        })()),
    };
  } catch (error) {
    kill();
    process.removeListener('exit', kill);
    rmSync(cwd, { recursive: true, force: true });
    throw error;
  }
}

function killGroup(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    try {
      child.kill('SIGKILL');
    } catch {
      // already gone
    }
  }
}
