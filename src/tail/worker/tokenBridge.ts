import type { AccessToken, TokenCredential } from '@azure/core-auth';
import { redactError } from '../../core/connection/redact';

/** A token request from a tail's worker, and its answer (src/tail/worker/protocol.ts carries them). */
export interface TokenRequest {
  readonly type: 'getToken';
  readonly id: number;
  readonly scopes: string | string[];
}
export interface TokenAnswer {
  readonly type: 'token';
  readonly id: number;
  readonly token?: { readonly token: string; readonly expiresOnTimestamp: number };
  /** Why no token (redacted: no secret in it). */
  readonly error?: string;
}

/**
 * The worker's side: a credential that asks the thread holding the real one for each token, so that
 * a Microsoft Entra ID credential (and the sign-in behind it) never leaves the extension host's thread.
 * `answer` settles the request an answer is for.
 */
export function createTokenRequester(send: (request: TokenRequest) => void): {
  readonly credential: TokenCredential;
  answer(message: TokenAnswer): void;
} {
  let nextId = 1;
  const waiting = new Map<number, { resolve: (token: AccessToken) => void; reject: (error: Error) => void }>();
  return {
    credential: {
      getToken: (scopes) =>
        new Promise<AccessToken>((resolve, reject) => {
          const id = nextId++;
          waiting.set(id, { resolve, reject });
          send({ type: 'getToken', id, scopes });
        }),
    },
    answer(message) {
      const request = waiting.get(message.id);
      waiting.delete(message.id);
      if (!request) return;
      if (message.token) request.resolve(message.token);
      else request.reject(new Error(message.error ?? 'No token.'));
    },
  };
}

/** The extension host's side: answers one request from the credential it holds (or says why it cannot). */
export async function answerTokenRequest(credential: TokenCredential | undefined, request: TokenRequest): Promise<TokenAnswer> {
  if (!credential)
    return { type: 'token', id: request.id, error: "This tail's hub or storage account is not signed in with Microsoft Entra ID." };
  try {
    const token = await credential.getToken(request.scopes);
    if (!token) return { type: 'token', id: request.id, error: 'The credential returned no token.' };
    return { type: 'token', id: request.id, token: { token: token.token, expiresOnTimestamp: token.expiresOnTimestamp } };
  } catch (error) {
    return { type: 'token', id: request.id, error: redactError(error) };
  }
}
