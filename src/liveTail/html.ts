import { randomBytes } from 'node:crypto';

export interface PageHtmlOptions {
  /** `webview.cspSource` */
  readonly cspSource: string;
  /** Fresh for every page load: `makeNonce()`. */
  readonly nonce: string;
  /** `asWebviewUri` of dist/webview/<page>.js */
  readonly scriptUri: string;
  /** `asWebviewUri` of media/<page>.css */
  readonly styleUri: string;
  /** Document title (plain text; escaped here). */
  readonly title: string;
}

/** 128 random bits, base64: a CSP nonce. */
export function makeNonce(): string {
  return randomBytes(16).toString('base64');
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] as string);
}

/** The strict policy of every page: nothing inline, scripts only with the nonce, styles/fonts/images from the extension. */
export function contentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

/**
 * The shell of a webview page: a CSP meta tag, one stylesheet, one nonce'd script, an empty `#app`.
 * The script builds everything else with createElement/textContent.
 */
export function buildPageHtml(o: PageHtmlOptions): string {
  if (!/^[A-Za-z0-9+/=]{16,}$/.test(o.nonce)) throw new Error('A CSP nonce must be at least 16 base64 characters.');
  const csp = contentSecurityPolicy(o.cspSource, o.nonce);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${escapeHtml(o.styleUri)}">
<title>${escapeHtml(o.title)}</title>
</head>
<body>
<div id="app"></div>
<script nonce="${escapeHtml(o.nonce)}" src="${escapeHtml(o.scriptUri)}"></script>
</body>
</html>
`;
}
