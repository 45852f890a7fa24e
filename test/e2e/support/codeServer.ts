// code-server: a real VS Code (1.100.3) whose workbench is served to the browser and whose extension
// host runs our VSIX in Node. Provisioned by test/e2e/prepare.mjs.
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { codeServerEntry, codeServerMarker } from './config.mjs';
import { freePort, spawnGroup, waitForHttp, type GroupProcess } from './processes';

export function assertProvisioned(vsixFiles: string[]): void {
  const missing = [codeServerMarker, ...vsixFiles].filter((f) => !existsSync(f));
  if (missing.length) {
    throw new Error(`e2e setup incomplete (missing ${missing.join(', ')}): run "node test/e2e/prepare.mjs" first (npm run test:e2e does)`);
  }
}

/** An empty config file: keeps code-server from reading or writing ~/.config/code-server. */
function configFile(dir: string): string {
  const file = path.join(dir, 'code-server.yaml');
  if (!existsSync(file)) writeFileSync(file, '');
  return file;
}

/** Installs VSIX files into extensionsDir with code-server's own CLI (as a user would). */
export function installExtensions(vsixFiles: string[], dirs: { extensionsDir: string; userDataDir: string }): void {
  const args = [
    codeServerEntry,
    '--config',
    configFile(dirs.userDataDir),
    '--user-data-dir',
    dirs.userDataDir,
    '--extensions-dir',
    dirs.extensionsDir,
  ];
  for (const vsix of vsixFiles) args.push('--install-extension', vsix);
  args.push('--force');
  const result = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 120_000 });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  if (result.status !== 0 || /failed installing|\berror:/i.test(output)) {
    throw new Error(`installing ${vsixFiles.map((f) => path.basename(f)).join(', ')} failed (exit ${result.status}):\n${output}`);
  }
}

export interface CodeServerOptions {
  extensionsDir: string;
  userDataDir: string;
  /** Folder opened as the workspace. */
  folder: string;
  logFile: string;
  env?: NodeJS.ProcessEnv;
}

export interface RunningCodeServer {
  /** Workbench URL with the folder opened. */
  readonly url: string;
  readonly process: GroupProcess;
  stop(): Promise<void>;
}

export async function startCodeServer(options: CodeServerOptions): Promise<RunningCodeServer> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const args = [
    codeServerEntry,
    '--config',
    configFile(options.userDataDir),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    options.userDataDir,
    '--extensions-dir',
    options.extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    '--ignore-last-opened',
    options.folder,
  ];
  const proc = spawnGroup(process.execPath, args, { env: { ...process.env, ...options.env }, logFile: options.logFile });
  try {
    await waitForHttp(`${base}/healthz`, proc.child, 60_000, () => `code-server (log: ${options.logFile})`);
  } catch (error) {
    await proc.stop();
    throw error;
  }
  return {
    url: `${base}/?folder=${encodeURIComponent(options.folder)}`,
    process: proc,
    stop: () => proc.stop(),
  };
}
