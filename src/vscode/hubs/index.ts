import * as vscode from 'vscode';
import { hubKey } from '../../hubs/hubKey';
import { HubsTreeProvider, HUBS_VIEW_ID } from './hubsTree';
import type { VsCodeHubRegistry } from './hubRegistry';
import type { Services } from '../services';
import { registerCommand } from '../support/commands';
import { settings } from '../support/settings';
import { addHub } from './addHub';
import { copyConnectionInfo } from './copyConnectionInfo';
import type { HubCommandContext } from './context';
import { DemoHubGlue } from './demo';
import { editHub } from './editHub';
import { removeHub } from './removeHub';
import { testConnection } from './testConnection';

export { createHubRegistry } from './hubRegistry';

/** What registerHubs returns, for tests that drive the view directly. */
export interface HubsFeature {
  readonly tree: HubsTreeProvider;
  readonly view: vscode.TreeView<import('./treeNodes').TreeNode>;
  readonly demo: DemoHubGlue;
}

/** Registers the hubs view, its commands, the demo hub and the refresh interval. */
export function registerHubs(services: Services, registry: VsCodeHubRegistry): HubsFeature {
  const { context, log } = services;
  const tree = new HubsTreeProvider(registry, log);
  const view = vscode.window.createTreeView(HUBS_VIEW_ID, { treeDataProvider: tree, showCollapseAll: true });
  const ctx: HubCommandContext = { services, registry, tree, view };
  const demo = new DemoHubGlue(ctx);
  context.subscriptions.push(tree, view, demo);

  const run = (id: string, handler: (arg?: unknown) => unknown) => registerCommand(context, log, id, handler);
  run('defenderStream.addHub', () => addHub(ctx));
  run('defenderStream.editHub', (arg) => editHub(ctx, arg));
  run('defenderStream.removeHub', (arg) => removeHub(ctx, arg));
  run('defenderStream.testConnection', (arg) => testConnection(ctx, arg));
  run('defenderStream.copyConnectionInfo', (arg) => copyConnectionInfo(ctx, arg));
  run('defenderStream.refresh', () => tree.refresh(true));
  run('defenderStream.startDemoHub', () => demo.start());
  run('defenderStream.stopDemoHub', () => demo.stop());
  void vscode.commands.executeCommand('setContext', 'defenderStream.demoRunning', false);

  // Entries written by hand without an id get their derived id written back, so the id survives later edits.
  const migrate = () =>
    registry.store.migrate().then(
      (changed) => changed && log.info('Added ids to hand-written entries of "defenderStream.hubs".'),
      (error: unknown) => log.warn(`Could not add ids to "defenderStream.hubs": ${(error as Error).message}`),
    );
  void migrate();

  let timer: ReturnType<typeof setInterval> | undefined;
  const applyInterval = () => {
    if (timer) clearInterval(timer);
    timer = undefined;
    // User settings only: a workspace must not make the extension connect without a click.
    const seconds = settings().refreshIntervalSeconds;
    if (seconds > 0) timer = setInterval(() => void tree.refreshQuietly(), seconds * 1000);
  };
  applyInterval();
  context.subscriptions.push(
    { dispose: () => timer && clearInterval(timer) },
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('defenderStream.refreshInterval')) applyInterval();
      if (e.affectsConfiguration('defenderStream.demo.rate')) demo.onRateChanged();
      if (e.affectsConfiguration('defenderStream.hubs')) {
        void migrate();
        void registry.listHubs().then((hubs) => tree.prune(new Set(hubs.map((h) => hubKey(h.configId, h.hubName)))));
      }
    }),
  );
  return { tree, view, demo };
}
