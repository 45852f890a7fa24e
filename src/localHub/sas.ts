import { createHmac, timingSafeEqual } from 'node:crypto';

/** The fields of `SharedAccessSignature sr=...&sig=...&se=...&skn=...`. `sr` stays URL-encoded as signed. */
export interface SasToken {
  readonly encodedResource: string;
  readonly resource: string;
  readonly signature: string;
  readonly expiry: number;
  readonly keyName: string;
}

export type SasVerdict = { readonly ok: true; readonly token: SasToken } | { readonly ok: false; readonly reason: string };

const PREFIX = 'SharedAccessSignature ';

/** The base64 HMAC-SHA256 of `<encoded resource>\n<expiry>` keyed with the key's UTF-8 bytes (as Azure does). */
export function signSas(encodedResource: string, expiry: number, key: string): string {
  return createHmac('sha256', Buffer.from(key, 'utf8')).update(`${encodedResource}\n${expiry}`).digest('base64');
}

/** Builds a SAS token for `resource` (an audience such as `sb://127.0.0.1:5672/hub`), valid for `ttlSeconds`. */
export function createSasToken(resource: string, keyName: string, key: string, ttlSeconds = 3600, now = Date.now()): string {
  const encoded = encodeURIComponent(resource);
  const expiry = Math.floor(now / 1000) + ttlSeconds;
  const sig = encodeURIComponent(signSas(encoded, expiry, key));
  return `${PREFIX}sr=${encoded}&sig=${sig}&se=${expiry}&skn=${encodeURIComponent(keyName)}`;
}

export function parseSasToken(token: string): SasToken | undefined {
  if (!token.startsWith(PREFIX)) return undefined;
  const fields = new Map<string, string>();
  for (const pair of token.slice(PREFIX.length).split('&')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return undefined;
    fields.set(pair.slice(0, eq), pair.slice(eq + 1));
  }
  const sr = fields.get('sr');
  const sig = fields.get('sig');
  const se = fields.get('se');
  const skn = fields.get('skn');
  if (sr === undefined || sig === undefined || se === undefined || skn === undefined || !/^\d+$/.test(se)) return undefined;
  try {
    return {
      encodedResource: sr,
      resource: decodeURIComponent(sr),
      signature: decodeURIComponent(sig),
      expiry: Number(se),
      keyName: decodeURIComponent(skn),
    };
  } catch {
    return undefined;
  }
}

/** A shared access policy to verify tokens against. */
export interface SasPolicy {
  readonly keyName: string;
  readonly key: string;
  readonly rights: readonly string[];
}

/**
 * Verifies a SAS token against the policy it names (`skn`), among `policies` (never empty); the verdict
 * carries that policy's rights.
 */
export function verifyPolicyToken(
  token: string,
  policies: readonly SasPolicy[],
  nowMs = Date.now(),
): SasVerdict & { readonly rights?: readonly string[] } {
  const named = parseSasToken(token)?.keyName;
  const policy = policies.find((p) => p.keyName === named) ?? policies[0];
  const verdict = verifySasToken(token, policy.keyName, policy.key, nowMs);
  return verdict.ok ? { ...verdict, rights: policy.rights } : verdict;
}

/**
 * Verifies a SAS token against one policy: the key name, the signature and the expiry.
 * The reasons never contain the key or the signature.
 */
export function verifySasToken(token: string, keyName: string, key: string, nowMs = Date.now()): SasVerdict {
  const parsed = parseSasToken(token);
  if (!parsed) return { ok: false, reason: 'The token is not a SharedAccessSignature token.' };
  if (parsed.keyName !== keyName) return { ok: false, reason: `No shared access policy named "${parsed.keyName}".` };
  const expected = Buffer.from(signSas(parsed.encodedResource, parsed.expiry, key), 'utf8');
  const actual = Buffer.from(parsed.signature, 'utf8');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    return { ok: false, reason: `The signature does not match the key of policy "${keyName}".` };
  }
  if (parsed.expiry * 1000 <= nowMs) return { ok: false, reason: 'The token has expired.' };
  return { ok: true, token: parsed };
}

/** The path of a resource URL (`sb://host:port/hub/x` gives `hub/x`), lowercased, without surrounding slashes. */
export function resourcePath(resource: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/]*(.*)$/i.exec(resource);
  return (match ? match[1] : resource).toLowerCase().replace(/^\/+|\/+$/g, '');
}

/**
 * Whether a token signed for `tokenResource` grants access to `target` (a URL or an entity path): the same
 * path or a child of it, compared by path and without letter case, as Event Hubs does. A namespace-level
 * token (empty path) covers everything.
 */
export function resourceCovers(tokenResource: string, target: string): boolean {
  const t = resourcePath(tokenResource);
  const a = resourcePath(target);
  return t === '' || a === t || a.startsWith(`${t}/`);
}
