import * as vscode from 'vscode';
import { resolveGraphEndpoint } from '../../graph/graphEndpoint';
import { HuntingError } from '../../graph/huntingErrors';
import { runHuntingQuery, type HuntingResult, type HuntingWait } from '../../graph/runHuntingQuery';
import { UserCancelledError } from '../support/cancel';
import { settings } from '../support/settings';
import { graphTokenProvider } from './graphSession';

export interface HuntSession {
  /** Runs one query; a throttling countdown shows in the progress notification (and `onWait`). */
  run(query: string): Promise<HuntingResult>;
  report(message: string, increment?: number): void;
  /** The Graph host, for reports. */
  readonly host: string;
}

/**
 * The one way the commands reach Advanced Hunting: the Graph host and tenant from user settings, VS
 * Code's Microsoft sign-in, a cancellable progress notification; cancelling ends the command quietly.
 */
export async function huntWithProgress<T>(
  title: string,
  work: (session: HuntSession) => Promise<T>,
  onWait?: (message: string) => void,
): Promise<T> {
  const { graph } = settings();
  const endpoint = resolveGraphEndpoint(graph.endpoint);
  const getToken = graphTokenProvider(endpoint, graph.tenant);
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
        });
      } catch (error) {
        if (error instanceof HuntingError && error.kind === 'cancelled') throw new UserCancelledError();
        throw error;
      } finally {
        subscription.dispose();
      }
    },
  );
}
