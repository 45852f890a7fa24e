/**
 * startup: time to `require` the production extension bundle and run `activate()` with the hubs view
 * created (what VS Code does when the user opens the view), and the VSIX size. `vscode` is replaced by
 * a permissive stand-in whose every API is a cheap no-op, so the number is the extension's own cost.
 * Targets: activation ≤ 100 ms; VSIX ≤ 3 MB.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import Module from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { median } from '../lib/stats';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A stand-in for the `vscode` module: any property is a callable, constructible stand-in again. */
function permissive(name = 'vscode'): unknown {
  const fn = function () {
    return undefined;
  };
  const assigned = new Map<PropertyKey, unknown>();
  return new Proxy(fn, {
    get(_target, prop) {
      if (assigned.has(prop)) return assigned.get(prop);
      if (prop === 'then') return undefined; // not a thenable
      if (prop === Symbol.toPrimitive) return () => name;
      if (prop === Symbol.iterator) return function* () {};
      if (prop === 'event') return () => ({ dispose() {} });
      return permissive(`${name}.${String(prop)}`);
    },
    set(_target, prop, value) {
      assigned.set(prop, value);
      return true;
    },
    defineProperty(_target, prop, descriptor) {
      assigned.set(prop, descriptor.value);
      return true;
    },
    apply() {
      return permissive(`${name}()`);
    },
    construct() {
      return permissive(`new ${name}`) as object;
    },
  });
}

/** The top-level names of the real API (namespaces, classes, enums), so bundlers' interop helpers can copy them. */
function vscodeModule(): object {
  const dts = readFileSync(path.join(root, 'node_modules', '@types', 'vscode', 'index.d.ts'), 'utf8');
  const names = new Set([...dts.matchAll(/^\t(?:export )?(?:namespace|class|enum|const|function) (\w+)/gm)].map((m) => m[1]));
  const target: Record<string, unknown> = {};
  for (const name of names) target[name] = permissive(`vscode.${name}`);
  return target;
}

function fakeContext() {
  const store = new Map<string, unknown>();
  const memento = {
    get: (k: string, d?: unknown) => (store.has(k) ? store.get(k) : d),
    update: async (k: string, v: unknown) => void store.set(k, v),
    keys: () => [...store.keys()],
    setKeysForSync() {},
  };
  return {
    subscriptions: [] as Array<{ dispose(): unknown }>,
    extensionUri: permissive('extensionUri'),
    extensionPath: root,
    globalState: memento,
    workspaceState: memento,
    secrets: {
      get: async () => undefined,
      store: async () => undefined,
      delete: async () => undefined,
      onDidChange: () => ({ dispose() {} }),
    },
    extension: { packageJSON: JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) },
    asAbsolutePath: (p: string) => path.join(root, p),
    storageUri: undefined,
    globalStorageUri: permissive('globalStorageUri'),
    logUri: permissive('logUri'),
  };
}

function activateOnce(bundle: string): number {
  const resolve = (Module as unknown as { _resolveFilename: (...a: unknown[]) => string })._resolveFilename;
  const load = (Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown })._load;
  const fake = vscodeModule();
  (Module as unknown as { _load: typeof load })._load = function (request: string, ...rest: unknown[]) {
    if (request === 'vscode') return fake;
    return load.call(this, request, ...rest);
  };
  try {
    delete require.cache[resolve(bundle, module, false)];
    const t0 = process.hrtime.bigint();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- measuring exactly what VS Code does: require()
    const extension = require(bundle) as { activate(context: unknown): unknown };
    const context = fakeContext();
    extension.activate(context);
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    for (const d of context.subscriptions) {
      try {
        d.dispose();
      } catch {
        // stand-ins may not dispose cleanly
      }
    }
    return ms;
  } finally {
    (Module as unknown as { _load: typeof load })._load = load;
  }
}

export interface StartupBenchOptions {
  readonly rounds?: number;
  /** Package the VSIX (slow); otherwise measure an existing one if present. */
  readonly packageVsix?: boolean;
}

export const smokeOptions: StartupBenchOptions = { rounds: 3, packageVsix: false };

export async function run(options: StartupBenchOptions = {}) {
  const rounds = options.rounds ?? 15;
  if (options.packageVsix ?? true) {
    const r = spawnSync(process.execPath, [path.join(root, 'scripts', 'package.mjs')], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    if (r.status !== 0) throw new Error('npm run package failed');
  } else if (!existsSync(path.join(root, 'dist', 'extension.js'))) {
    spawnSync(process.execPath, [path.join(root, 'esbuild.mjs'), '--production'], { cwd: root, stdio: 'inherit' });
  }
  const bundle = path.join(root, 'dist', 'extension.js');
  // Each round requires the bundle afresh from a copy, so V8's compile cache for the path does not help.
  const times: number[] = [];
  activateOnce(bundle); // warm-up: the Node module system itself
  for (let i = 0; i < rounds; i++) {
    const copy = path.join(os.tmpdir(), `dse-extension-${process.pid}-${i}.js`);
    (await import('node:fs')).copyFileSync(bundle, copy);
    times.push(activateOnce(copy));
  }
  const vsix = readdirSync(root).find((f) => /^defender-stream-explorer-.*\.vsix$/.test(f));
  const vsixKB = vsix ? Math.round(statSync(path.join(root, vsix)).size / 1024) : undefined;
  const activationMs = Number(median(times).toFixed(1));
  return {
    activationMs,
    vsixKB,
    bundleKB: Math.round(statSync(bundle).size / 1024),
    value: activationMs,
    unit: 'ms activation',
    spread: times.map((t) => Number(t.toFixed(1))),
    target: 'activation ≤ 100 ms; VSIX ≤ 3 MB',
    summary: `activation ${activationMs} ms (require + activate), VSIX ${vsixKB ?? '?'} KB, bundle ${Math.round(statSync(bundle).size / 1024)} KB`,
  };
}
