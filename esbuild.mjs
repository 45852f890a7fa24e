// Bundles the extension (Node, CommonJS, `vscode` external), the webview scripts (browser) and the
// CLI (Node). Type checking is separate: `tsc --noEmit` in `npm run build`.
import * as esbuild from 'esbuild';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
  legalComments: 'none',
};

/** Every folder under src/webviewUi with a main.ts becomes dist/webview/<folder>.js. */
function webviewEntries() {
  const root = 'src/webviewUi';
  if (!existsSync(root)) return {};
  const entries = {};
  for (const name of readdirSync(root)) {
    const main = path.join(root, name, 'main.ts');
    if (existsSync(main)) entries[name] = main;
  }
  return entries;
}

/**
 * Heavy modules the extension loads only on first use (`await import(...)`) are bundled into files of
 * their own, so activation parses only the extension's own code. A dynamic import of one of these
 * (a package name, or a source file wherever it is imported from) becomes an external
 * `require('./lazy/<name>.js')` in dist/extension.js and an entry of the `lazy` build.
 */
const EVENT_HUBS = { name: 'event-hubs', entry: 'src/lazy/eventHubs.ts' };
const LAZY_PACKAGES = {
  '@azure/event-hubs': EVENT_HUBS,
  // The SDK's own AMQP layer, from the same bundle (one copy: src/hubs/clientFactory.ts fixes a class of it).
  'rhea-promise': EVENT_HUBS,
  '@azure/identity': { name: 'identity', entry: 'src/lazy/identity.ts' },
  '@azure/storage-blob': { name: 'storage-blob', entry: 'src/lazy/storageBlob.ts' },
};
const LAZY_FILES = {
  'src/demo/demoHubService.ts': { name: 'demo', entry: 'src/demo/demoHubService.ts' },
  // Send Events to Hub's demo traffic: the generator, only when chosen.
  'src/send/traffic.ts': { name: 'send-traffic', entry: 'src/send/traffic.ts' },
};
const LAZY_MODULES = [...new Set([...Object.values(LAZY_PACKAGES), ...Object.values(LAZY_FILES)])];
const lazyFileByPath = new Map(Object.entries(LAZY_FILES).map(([file, m]) => [path.resolve(file).replace(/\.ts$/, ''), m]));

const lazyModulesPlugin = {
  name: 'lazy-modules',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      // Type-only and static imports are erased or kept as in the source; only the dynamic ones move out.
      if (args.kind !== 'dynamic-import') return undefined;
      const lazy =
        LAZY_PACKAGES[args.path] ??
        (args.path.startsWith('.') ? lazyFileByPath.get(path.resolve(args.resolveDir, args.path).replace(/\.ts$/, '')) : undefined);
      return lazy ? { path: `./lazy/${lazy.name}.js`, external: true } : undefined;
    });
  },
};

const builds = [
  {
    ...common,
    // The tail's worker thread sits beside the extension, so its lazy modules are the same dist/lazy/ files.
    entryPoints: { extension: 'src/extension.ts', tailWorker: 'src/tail/worker/tailWorker.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    plugins: [lazyModulesPlugin],
    // `import()` becomes `require()` behind a promise: plain CommonJS, as the extension host expects.
    supported: { 'dynamic-import': false },
  },
  {
    ...common,
    entryPoints: Object.fromEntries(LAZY_MODULES.map((m) => [m.name, m.entry])),
    outdir: 'dist/lazy',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode'],
    // Some SDK files are ES modules that read import.meta.url (@azure/storage-common's CRC64 calls
    // createRequire with it): in a CommonJS bundle it is the bundle file's own URL.
    define: { 'import.meta.url': '__lazyBundleUrl' },
    banner: { js: "var __lazyBundleUrl = require('url').pathToFileURL(__filename).href;" },
  },
  {
    ...common,
    entryPoints: { cli: 'src/cli/main.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    // `hunt` loads @azure/identity only without DEFENDER_STREAM_GRAPH_TOKEN: from dist/lazy/, not inlined.
    plugins: [lazyModulesPlugin],
    define: { __VERSION__: JSON.stringify(JSON.parse(readFileSync('package.json', 'utf8')).version) },
  },
  {
    ...common,
    entryPoints: webviewEntries(),
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
  },
];

if (watch) {
  const contexts = await Promise.all(builds.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.log('esbuild: watching for changes');
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
