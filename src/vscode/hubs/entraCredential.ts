import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import * as vscode from 'vscode';

/**
 * Microsoft Entra ID credential: the Microsoft account signed in to VS Code when there is one, else
 * `DefaultAzureCredential` (Azure CLI, environment, managed identity; `@azure/identity` is loaded on
 * first use). When both fail and `interactive()` says so, VS Code asks the user to sign in.
 */
export function createEntraCredential(log: vscode.LogOutputChannel, interactive: () => boolean = () => false): TokenCredential {
  let fallback: TokenCredential | undefined;
  return {
    async getToken(scopes: string | string[], options?: GetTokenOptions): Promise<AccessToken | null> {
      const scopeList = Array.isArray(scopes) ? scopes : [scopes];
      const session = await vscodeSession(scopeList, false);
      if (session) return toAccessToken(session.accessToken);
      try {
        if (!fallback) {
          const { DefaultAzureCredential } = await import('@azure/identity');
          fallback = new DefaultAzureCredential();
        }
        const token = await fallback.getToken(scopeList, options);
        if (token) return token;
      } catch (error) {
        log.info(`Entra ID: DefaultAzureCredential found no credential (${(error as Error).name}).`);
        if (!interactive())
          throw new Error('No Microsoft Entra ID credential: sign in to VS Code with a Microsoft account, or run "az login".');
      }
      const created = await vscodeSession(scopeList, true);
      if (created) return toAccessToken(created.accessToken);
      throw new Error('No Microsoft Entra ID credential: sign in to VS Code with a Microsoft account, or run "az login".');
    },
  };
}

/**
 * The one Entra ID sign-in of a feature: `credential` shows VS Code's sign-in only while
 * `withInteractiveSignIn(work)` runs (commands the user started), never for background refreshes.
 */
export class EntraSignIn {
  readonly credential: TokenCredential;
  private interactive = false;

  constructor(log: vscode.LogOutputChannel) {
    this.credential = createEntraCredential(log, () => this.interactive);
  }

  async withInteractiveSignIn<T>(work: () => Promise<T>): Promise<T> {
    this.interactive = true;
    try {
      return await work();
    } finally {
      this.interactive = false;
    }
  }
}

async function vscodeSession(scopes: string[], createIfNone: boolean): Promise<vscode.AuthenticationSession | undefined> {
  try {
    return createIfNone
      ? await vscode.authentication.getSession('microsoft', scopes, { createIfNone: true })
      : await vscode.authentication.getSession('microsoft', scopes, { silent: true });
  } catch {
    return undefined;
  }
}

/** The expiry comes from the JWT's `exp` claim when readable (10 minutes otherwise). */
function toAccessToken(token: string): AccessToken {
  let expiresOnTimestamp = Date.now() + 10 * 60_000;
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: number };
    if (typeof payload.exp === 'number') expiresOnTimestamp = payload.exp * 1000;
  } catch {
    // opaque token: keep the default
  }
  return { token, expiresOnTimestamp };
}
