// Serves the real Live Tail bundle (built fresh from src/webviewUi/liveTail with esbuild) inside the
// page HTML the extension produces (same CSP, nonce'd scripts), plus harness.js stubbing VS Code.
// Used by the browser test (test/unit/liveTail/page.test.ts) and the render benchmark.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { buildPageHtml, makeNonce } from '../../../../src/liveTail/html';

const root = path.resolve(__dirname, '..', '..', '..', '..');

export interface Harness {
  readonly url: string;
  close(): Promise<void>;
}

/** The page bundle exactly as esbuild.mjs builds it (browser IIFE), in memory. */
export async function buildPageBundle(minify = false): Promise<string> {
  const result = await esbuild.build({
    entryPoints: [path.join(root, 'src', 'webviewUi', 'liveTail', 'main.ts')],
    bundle: true,
    write: false,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    minify,
    legalComments: 'none',
    logLevel: 'silent',
  });
  return (result.outputFiles[0] as esbuild.OutputFile).text;
}

export async function startHarness(options: { minify?: boolean } = {}): Promise<Harness> {
  const bundle = await buildPageBundle(options.minify ?? false);
  const css = readFileSync(path.join(root, 'media', 'liveTail.css'), 'utf8');
  const harnessJs = readFileSync(path.join(__dirname, 'harness.js'), 'utf8');
  const server = http.createServer((req, res) => {
    const origin = `http://${req.headers.host ?? '127.0.0.1'}`;
    const send = (type: string, body: string): void => {
      res.writeHead(200, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store' });
      res.end(body);
    };
    const url = (req.url ?? '/').split('?')[0];
    if (url === '/') {
      const nonce = makeNonce();
      const page = buildPageHtml({
        cspSource: origin,
        nonce,
        scriptUri: `${origin}/liveTail.js`,
        styleUri: `${origin}/liveTail.css`,
        title: 'Live Tail: harness',
      });
      // The harness stub goes first, with the same nonce (as VS Code's own preload would be).
      send('text/html', page.replace('<script nonce=', `<script nonce="${nonce}" src="${origin}/harness.js"></script>\n<script nonce=`));
    } else if (url === '/liveTail.js') send('text/javascript', bundle);
    else if (url === '/liveTail.css') send('text/css', css);
    else if (url === '/harness.js') send('text/javascript', harnessJs);
    else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export const CHROMIUM_PATH = process.env.DSE_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
