import * as vscode from 'vscode';
import { showError, showInfo } from '../support/notify';
import { redactError } from '../../core/connection/redact';
import { checkConnection, type CheckResult } from '../../hubs/connectionCheck';
import type { HubTarget } from '../../hubs/hubTarget';
import { nodeRef, type HubCommandContext } from './context';

/** "Test Connection": reads properties and opens a receiver on every hub of the node; results go to the tree and one message. */
export async function testConnection(ctx: HubCommandContext, arg?: unknown): Promise<CheckResult[]> {
  const ref = nodeRef(arg);
  let targets: HubTarget[];
  if (ref && !ref.hubName) {
    const found = ctx.registry.entryFor(ref.configId);
    if (!found) throw new Error('This namespace is no longer configured.');
    targets = await Promise.all(found.entry.hubs.map((hubName) => ctx.registry.targetFor({ configId: ref.configId, hubName })));
  } else {
    targets = [await ctx.registry.resolveTarget(arg)];
  }
  const results = await vscode.window.withProgress(
    {
      location: vscode.ProgressLocation.Notification,
      title: `Testing the connection to ${targets.length === 1 ? targets[0].hubName : `${targets.length} event hubs`}...`,
    },
    () =>
      ctx.registry.withInteractiveSignIn(() =>
        Promise.all(
          targets.map((t) =>
            checkConnection(t).catch((e): CheckResult => ({ ok: false, problem: { code: 'other', message: redactError(e) } })),
          ),
        ),
      ),
  );
  const failures: string[] = [];
  results.forEach((result, i) => {
    const t = targets[i];
    if (result.ok) {
      ctx.tree.setStatus(t.configId, t.hubName, { state: 'connected', info: result.hub, at: Date.now() });
      ctx.services.log.info(
        `Test connection: ${t.label} OK (${result.hub.partitionIds.length} partitions, consumer group ${t.consumerGroup})`,
      );
    } else {
      ctx.tree.setStatus(t.configId, t.hubName, { state: 'error', problem: result.problem, at: Date.now() });
      ctx.services.log.warn(`Test connection: ${t.label} failed: ${result.problem.message}`);
      failures.push(targets.length === 1 ? result.problem.message : `${t.hubName}: ${result.problem.message}`);
    }
  });
  if (failures.length === 0) {
    const first = results[0];
    const detail =
      targets.length === 1 && first.ok
        ? `${first.hub.partitionIds.length} partitions; consumer group "${targets[0].consumerGroup}" works.`
        : `all ${targets.length} event hubs answer.`;
    void showInfo(`Connected to ${targets.length === 1 ? targets[0].label : targets[0].label.split(' / ')[0]}: ${detail}`);
  } else {
    void showError(
      failures.length === 1 ? failures[0] : `${failures.length} of ${targets.length} event hubs failed. ${failures[0]}`,
      'Show Log',
    ).then((c) => {
      if (c === 'Show Log') ctx.services.log.show(true);
    });
  }
  return results;
}
