import * as vscode from 'vscode';
import type { GraphEndpoint } from '../../graph/graphEndpoint';
import { HUNTING_PERMISSION } from '../../graph/huntingErrors';

/**
 * A Microsoft Graph token from VS Code's built-in Microsoft sign-in (the sovereign-cloud provider for
 * the US Government hosts), with the permission Advanced Hunting needs, in the chosen tenant.
 */
export function graphTokenProvider(endpoint: GraphEndpoint, tenant: string | undefined): () => Promise<string> {
  const resource = endpoint.cloud ? endpoint.scope.replace(/\/\.default$/, '') : 'https://graph.microsoft.com';
  const scopes = [`${resource}/${HUNTING_PERMISSION}`, ...(tenant ? [`VSCODE_TENANT:${tenant}`] : [])];
  const provider = endpoint.cloud === 'usGovL4' || endpoint.cloud === 'usGovL5' ? 'microsoft-sovereign-cloud' : 'microsoft';
  return async () => {
    const session = await vscode.authentication.getSession(provider, scopes, { createIfNone: true });
    return session.accessToken;
  };
}
