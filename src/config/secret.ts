import type { HubSecret } from './types';

/**
 * Secret storage holds a small JSON object: the key or token and the endpoint it was saved for (see
 * `secretBinding.ts`). A bare string (older or hand-stored) is read as the key, with no endpoint yet.
 */
export function encodeSecret(secret: HubSecret): string {
  return JSON.stringify({ v: 1, ...secret });
}

export function decodeSecret(stored: string | undefined): HubSecret | undefined {
  if (stored === undefined || stored === '') return undefined;
  if (stored.startsWith('{')) {
    try {
      const parsed = JSON.parse(stored) as Record<string, unknown>;
      const key = typeof parsed.sharedAccessKey === 'string' ? parsed.sharedAccessKey : undefined;
      const signature = typeof parsed.sharedAccessSignature === 'string' ? parsed.sharedAccessSignature : undefined;
      const endpoint = typeof parsed.endpoint === 'string' ? parsed.endpoint : undefined;
      if (key || signature)
        return endpoint === undefined
          ? { sharedAccessKey: key, sharedAccessSignature: signature }
          : { sharedAccessKey: key, sharedAccessSignature: signature, endpoint };
      return undefined;
    } catch {
      return undefined;
    }
  }
  return stored.startsWith('SharedAccessSignature ') ? { sharedAccessSignature: stored } : { sharedAccessKey: stored };
}
