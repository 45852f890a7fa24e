import assert from 'node:assert/strict';
import { buildPageHtml, contentSecurityPolicy, escapeHtml, makeNonce } from '../../../src/liveTail/html';

const base = {
  cspSource: 'https://file+.vscode-resource.vscode-cdn.net',
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/liveTail.js',
  styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/liveTail.css',
  title: 'Live Tail: <hub> & "co"',
};

describe('webview HTML', () => {
  it('declares the strict CSP with the nonce and nothing inline', () => {
    const nonce = makeNonce();
    const html = buildPageHtml({ ...base, nonce });
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    assert.equal(
      csp,
      `default-src &#39;none&#39;; style-src ${base.cspSource}; font-src ${base.cspSource}; img-src ${base.cspSource}; script-src &#39;nonce-${nonce}&#39;`,
    );
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
    // Every script carries the nonce and a src; no inline script body, no inline handler or style.
    const scripts = [...html.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/g)];
    assert.equal(scripts.length, 1);
    for (const [, attrs, body] of scripts) {
      assert.match(attrs as string, new RegExp(`nonce="${nonce.replace(/[+/=]/g, (c) => `\\${c}`)}"`));
      assert.match(attrs as string, /src="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/dist\/webview\/liveTail\.js"/);
      assert.equal((body as string).trim(), '');
    }
    assert.doesNotMatch(html, /\son[a-z]+=/i);
    assert.doesNotMatch(html, /\sstyle=/i);
    assert.match(html, /<link rel="stylesheet" href="https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/ext\/media\/liveTail\.css">/);
  });

  it('escapes the title and refuses a weak nonce', () => {
    const html = buildPageHtml({ ...base, nonce: makeNonce() });
    assert.match(html, /<title>Live Tail: &lt;hub&gt; &amp; &quot;co&quot;<\/title>/);
    assert.throws(() => buildPageHtml({ ...base, nonce: 'abc' }));
    assert.throws(() => buildPageHtml({ ...base, nonce: 'a" onload="x' + 'x'.repeat(20) }));
    assert.equal(escapeHtml(`<'">&`), '&lt;&#39;&quot;&gt;&amp;');
  });

  it('makes a fresh 128-bit nonce each time', () => {
    const a = makeNonce();
    const b = makeNonce();
    assert.notEqual(a, b);
    assert.equal(Buffer.from(a, 'base64').length, 16);
    assert.equal(contentSecurityPolicy('X', a).includes(`'nonce-${a}'`), true);
  });
});
