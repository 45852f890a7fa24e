// The harness: a fresh, throwaway VS Code workbench per journey (or per describe block).
//
// Once per test run (lazily, shared): a fresh extensions folder with the current VSIX and the probe
// installed by code-server's own `--install-extension`, and one headless Chromium.
// Per workbench: a new user-data-dir with seeded settings, a new workspace folder with seeded files,
// code-server on a free loopback port, a new browser context (own storage), and the page objects.
// Everything is torn down in `close()`, which the mocha helper `useWorkbench` calls even when a test
// or the setup failed; process groups left behind by a crash are killed when the test process exits.
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { assertProvisioned, installExtensions, startCodeServer, type RunningCodeServer } from './codeServer';
import { chromiumPath, extensionManifest, probeExtensionId, probeVsixPath, resultsRoot, vsixPath } from './config.mjs';
import { Probe } from './probe';
import { Workbench } from './workbench';

/** Settings every workbench starts with; a journey's own settings are merged over them. */
export const defaultSettings: Record<string, unknown> = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'extensions.ignoreRecommendations': true,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'git.enabled': false,
  'chat.commandCenter.enabled': false,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  // Losing the focus is the one way a quick pick closes by itself (VS Code hides it on blur), and a
  // webview focused a moment before (a tab clicked to read its page) takes the focus asynchronously
  // (VS Code's issue 75209): CI once saw the palette shut right after it opened, in the Storage journey
  // after a reload. The journeys close every picker they open themselves.
  'workbench.quickOpen.closeOnFocusLost': false,
};

export interface WorkbenchOptions {
  /** Folder name under test-results/ for this journey's screenshots and logs. */
  journey: string;
  /** User settings, merged over defaultSettings (set a key to undefined to drop a default). */
  settings?: Record<string, unknown>;
  /** Files to create in the workspace folder: relative path -> content. */
  files?: Record<string, string>;
  /** Extra environment for code-server (and so for the extension host). */
  env?: NodeJS.ProcessEnv;
  viewport?: { width: number; height: number };
}

const browserArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

interface Shared {
  runDir: string;
  extensionsDir: string;
  browser: Browser;
}

let shared: Promise<Shared> | undefined;

async function createShared(): Promise<Shared> {
  assertProvisioned([vsixPath(), probeVsixPath]);
  const runDir = mkdtempSync(path.join(os.tmpdir(), 'dse-e2e-'));
  const extensionsDir = path.join(runDir, 'extensions');
  const installDataDir = path.join(runDir, 'install-data');
  mkdirSync(extensionsDir);
  mkdirSync(installDataDir);
  installExtensions([vsixPath(), probeVsixPath], { extensionsDir, userDataDir: installDataDir });
  const browser = await chromium.launch({ executablePath: chromiumPath, headless: true, args: browserArgs });
  return { runDir, extensionsDir, browser };
}

function getShared(): Promise<Shared> {
  shared ??= createShared().catch((error: unknown) => {
    shared = undefined;
    throw error;
  });
  return shared;
}

/** Closes the shared browser and removes the run's temp folder (root hook, after all journeys). */
export async function shutdownHarness(): Promise<void> {
  if (!shared) return;
  const current = await shared.catch(() => undefined);
  shared = undefined;
  if (!current) return;
  await current.browser.close().catch(() => undefined);
  if (!process.env.DSE_E2E_KEEP) rmSync(current.runDir, { recursive: true, force: true });
}

/** The id VS Code gives our extension: publisher.name from package.json. */
export function extensionId(): string {
  const { publisher, name } = extensionManifest() as { publisher: string; name: string };
  return `${publisher}.${name}`;
}

export class WorkbenchSession {
  private closed = false;

  constructor(
    readonly options: WorkbenchOptions,
    readonly dir: string,
    readonly workspace: string,
    readonly userDataDir: string,
    readonly probe: Probe,
    readonly page: Page,
    readonly workbench: Workbench,
    private readonly context: BrowserContext,
    private readonly server: RunningCodeServer,
  ) {}

  get codeServerLog(): string {
    return path.join(this.dir, 'code-server.log');
  }

  /** test-results/<journey>/ (created on demand). */
  get resultsDir(): string {
    return journeyResultsDir(this.options.journey);
  }

  /** Text of the extension's "Defender Stream" log channel as written to disk ('' before activation). */
  extensionLog(channel = 'Defender Stream'): string {
    const logs = path.join(this.userDataDir, 'logs');
    if (!existsSync(logs)) return '';
    let text = '';
    for (const session of readdirSync(logs)) {
      for (const host of readdirSync(path.join(logs, session)).filter((d) => d.startsWith('exthost'))) {
        const file = path.join(logs, session, host, extensionId(), `${channel}.log`);
        if (existsSync(file)) text += readFileSync(file, 'utf8');
      }
    }
    return text;
  }

  /** Keeps the evidence of a failed test: a screenshot and code-server's log. */
  async recordFailure(testTitle: string): Promise<void> {
    const safe = testTitle.replace(/[^\w.-]+/g, '-').slice(0, 80);
    await this.workbench.screenshot(`FAILED-${safe}`).catch(() => undefined);
    try {
      copyFileSync(this.codeServerLog, path.join(this.resultsDir, 'code-server.log'));
      const log = this.extensionLog();
      if (log) writeFileSync(path.join(this.resultsDir, 'extension.log'), log);
    } catch {
      // Best effort.
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.context.close().catch(() => undefined);
    await this.server.stop().catch(() => undefined);
    if (!process.env.DSE_E2E_KEEP) rmSync(this.dir, { recursive: true, force: true });
  }
}

const clearedResults = new Set<string>();

/** test-results/<journey>/, emptied the first time this test run uses it (no stale screenshots). */
export function journeyResultsDir(journey: string): string {
  const dir = path.join(resultsRoot, journey);
  if (!clearedResults.has(dir)) {
    clearedResults.add(dir);
    rmSync(dir, { recursive: true, force: true });
  }
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Starts code-server with a fresh user-data-dir and workspace, and opens its workbench in Chromium. */
function debug(message: string): void {
  if (process.env.DSE_E2E_DEBUG) console.log(`      [e2e] ${message}`);
}

export async function openWorkbench(options: WorkbenchOptions): Promise<WorkbenchSession> {
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const { runDir, extensionsDir, browser } = await getShared();
  debug(`${options.journey}: shared browser and extensions ready after ${elapsed()}`);
  const dir = mkdtempSync(path.join(runDir, `${options.journey.replace(/[^\w-]+/g, '-')}-`));
  const workspace = path.join(dir, 'workspace');
  const userDataDir = path.join(dir, 'user-data');
  const probeDir = path.join(dir, 'probe');
  for (const d of [workspace, path.join(userDataDir, 'User'), probeDir]) mkdirSync(d, { recursive: true });
  const settings = { ...defaultSettings, ...options.settings };
  writeFileSync(path.join(userDataDir, 'User', 'settings.json'), JSON.stringify(settings, null, 2));
  for (const [file, content] of Object.entries(options.files ?? {})) {
    const target = path.resolve(workspace, file);
    if (!target.startsWith(workspace + path.sep)) throw new Error(`workspace file outside the workspace: ${file}`);
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, content);
  }

  const server = await startCodeServer({
    extensionsDir,
    userDataDir,
    folder: workspace,
    logFile: path.join(dir, 'code-server.log'),
    env: { ...options.env, DSE_PROBE_DIR: probeDir },
  });
  let context: BrowserContext | undefined;
  try {
    context = await browser.newContext({
      viewport: options.viewport ?? { width: 1400, height: 900 },
      permissions: ['clipboard-read', 'clipboard-write'],
    });
    // tsx compiles test code with esbuild's keepNames, which wraps named functions in a __name()
    // helper; functions passed to page.evaluate() then need it in the page (and in webview frames).
    await context.addInitScript('globalThis.__name = globalThis.__name || ((fn) => fn);');
    const page = await context.newPage();
    page.setDefaultTimeout(30_000);
    debug(`code-server up after ${elapsed()}`);
    await page.goto(server.url, { waitUntil: 'domcontentloaded', timeout: 90_000 });
    const probe = new Probe(probeDir);
    const workbench = new Workbench(page, probe, journeyResultsDir(options.journey));
    await workbench.waitReady();
    debug(`workbench shown after ${elapsed()}`);
    await probe.ready();
    debug(`extension host up after ${elapsed()}`);
    const session = new WorkbenchSession(options, dir, workspace, userDataDir, probe, page, workbench, context, server);
    return session;
  } catch (error) {
    if (context) {
      const page = context.pages()[0];
      await page?.screenshot({ path: path.join(journeyResultsDir(options.journey), 'FAILED-startup.png') }).catch(() => undefined);
      await context.close().catch(() => undefined);
    }
    copyFileSync(path.join(dir, 'code-server.log'), path.join(journeyResultsDir(options.journey), 'code-server.log'));
    await server.stop();
    throw error;
  }
}

/**
 * Mocha helper: a workbench for the enclosing describe block, opened before its first test and
 * closed after its last one (also when something failed). A failed test leaves a screenshot and
 * code-server's log in test-results/<journey>/.
 *
 *   describe('Adding a hub', function () {
 *     const session = useWorkbench({ journey: 'add-hub', settings: { ... } });
 *     it('...', async () => { await session.workbench.runCommand('Defender Stream: Add Event Hub...'); });
 *   });
 */
export function useWorkbench(options: WorkbenchOptions): {
  readonly workbench: Workbench;
  readonly session: WorkbenchSession;
  readonly probe: Probe;
} {
  let current: WorkbenchSession | undefined;
  before(async function () {
    this.timeout(300_000);
    current = await openWorkbench(options);
  });
  afterEach(async function () {
    if (current && this.currentTest?.state === 'failed') await current.recordFailure(this.currentTest.title);
  });
  after(async function () {
    this.timeout(60_000);
    await current?.close();
    current = undefined;
  });
  const get = (): WorkbenchSession => {
    if (!current) throw new Error('the workbench is not open (did its before hook fail?)');
    return current;
  };
  return {
    get workbench() {
      return get().workbench;
    },
    get session() {
      return get();
    },
    get probe() {
      return get().probe;
    },
  };
}

export { probeExtensionId };
