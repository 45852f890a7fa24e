import * as vscode from 'vscode';
import {
  checkGraphTenant,
  GRAPH_CLOUD_LABELS,
  GRAPH_HOSTS,
  graphCloudsForHubs,
  resolveGraphEndpoint,
  type GraphCloud,
  type GraphEndpoint,
} from '../../graph/graphEndpoint';
import { HuntingError } from '../../graph/huntingErrors';
import { runHuntingQuery, type HuntingResult, type HuntingWait } from '../../graph/runHuntingQuery';
import type { Services } from '../services';
import { UserCancelledError } from '../support/cancel';
import { settings } from '../support/settings';
import { graphTokenProvider } from './graphSession';

export interface HuntSession {
  /** Runs one query; a throttling countdown shows in the progress notification (and `onWait`). */
  run(query: string): Promise<HuntingResult>;
  report(message: string, increment?: number): void;
  /** The Graph host, for reports. */
  readonly host: string;
  /** Aborted when the user cancels the progress notification (for work besides the query). */
  readonly signal: AbortSignal;
}

export interface HuntContext {
  readonly services: Services;
  /** The namespace host of the hub the command is about; without it, the configured hubs'. */
  readonly hubHost?: string;
}

/**
 * The Graph host: `defenderStream.graph.endpoint` when set; otherwise the cloud of the hub (or of the
 * configured hubs), asking when that is ambiguous (a US Government namespace is L4 or L5).
 */
async function graphEndpoint(where: HuntContext, configured: string | undefined): Promise<GraphEndpoint> {
  if (configured) return resolveGraphEndpoint(configured);
  const hosts = where.hubHost ? [where.hubHost] : (await where.services.hubs.listHubs()).filter((h) => !h.demo).map((h) => h.namespaceHost);
  const clouds = graphCloudsForHubs(hosts);
  if (clouds.length === 1) return resolveGraphEndpoint(GRAPH_HOSTS[clouds[0]]);
  const picked = await where.services.input.showQuickPick(
    clouds.map((cloud) => ({ label: GRAPH_CLOUD_LABELS[cloud], cloud: cloud as GraphCloud })),
    {
      title: 'Microsoft Graph for Advanced Hunting',
      placeHolder: 'Which Microsoft Graph serves your tenant? (Set defenderStream.graph.endpoint to stop this question.)',
    },
  );
  return resolveGraphEndpoint(GRAPH_HOSTS[picked.cloud]);
}

/**
 * The one way the commands reach Advanced Hunting: the Graph host and tenant from user settings (or the
 * hub's cloud), VS Code's Microsoft sign-in, a cancellable progress notification; cancelling ends the
 * command quietly.
 */
export async function huntWithProgress<T>(
  where: HuntContext,
  title: string,
  work: (session: HuntSession) => Promise<T>,
  onWait?: (message: string) => void,
): Promise<T> {
  const { graph } = settings();
  const tenant = checkGraphTenant(graph.tenant);
  const endpoint = await graphEndpoint(where, graph.endpoint);
  const getToken = graphTokenProvider(endpoint, tenant);
  return vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      const waited = (w: HuntingWait): void => {
        const message = `Advanced Hunting is throttling: retry ${w.retry} of ${w.maxRetries} in ${w.secondsLeft} s`;
        progress.report({ message });
        onWait?.(message);
      };
      try {
        return await work({
          run: (query) => runHuntingQuery({ endpoint: endpoint.origin, getToken, query, signal: controller.signal, onWait: waited }),
          report: (message, increment) => progress.report({ message, increment }),
          host: new URL(endpoint.origin).host,
          signal: controller.signal,
        });
      } catch (error) {
        if (controller.signal.aborted || (error instanceof HuntingError && error.kind === 'cancelled')) throw new UserCancelledError();
        throw error;
      } finally {
        subscription.dispose();
      }
    },
  );
}
