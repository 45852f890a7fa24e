// Child processes of the harness: each runs in its own process group so that stopping it also stops
// everything it started (code-server forks its extension host, file watcher, pty host...). Any group
// still alive when the test process exits is killed, so a crashed or interrupted run leaves nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import http from 'node:http';
import net from 'node:net';

const liveGroups = new Set<number>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

process.on('exit', () => {
  for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
    process.exit(130);
  });
}

export interface GroupProcess {
  readonly child: ChildProcess;
  /** SIGTERM to the whole group, SIGKILL after a grace period; resolves when the leader exited. */
  stop(graceMs?: number): Promise<void>;
}

/** Starts a command as the leader of a new process group; stdout and stderr go to logFile. */
export function spawnGroup(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; logFile: string }): GroupProcess {
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const child = spawn(cmd, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const pid = child.pid;
  if (pid !== undefined) liveGroups.add(pid);
  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    child.once('exit', () => resolve());
    child.once('error', () => resolve());
  });
  return {
    child,
    async stop(graceMs = 5000) {
      if (pid === undefined) return;
      killGroup(pid, 'SIGTERM');
      const timer = setTimeout(() => killGroup(pid, 'SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
      // Children of the leader may outlive it: make sure the group is gone.
      killGroup(pid, 'SIGKILL');
      liveGroups.delete(pid);
      log.end();
    },
  };
}

/** A free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function httpStatus(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      res.resume();
      resolve(res.statusCode);
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

/** Polls url until it answers below 400, the child exits, or the time runs out. */
export async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number, describe: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${describe()} exited (${child.exitCode ?? child.signalCode}) before serving ${url}`);
    }
    const status = await httpStatus(url);
    if (status !== undefined && status < 400) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${describe()} did not serve ${url} within ${timeoutMs / 1000} s`);
}
