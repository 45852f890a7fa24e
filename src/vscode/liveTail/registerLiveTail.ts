import * as vscode from 'vscode';
import type { HubTarget } from '../../hubs/hubTarget';
import type { Services } from '../services';
import { tailRegistry } from '../../tail/registry';
import { describeStart, startPositionFromSetting } from '../../tail/startSetting';
import { recordSummary } from '../../tail/summary';
import type { StartPosition } from '../../tail/types';
import { registerCommand } from '../support/commands';
import { settings } from '../support/settings';
import { pickStartPosition } from '../support/pickers';
import { LIVE_TAIL_VIEW_TYPE, LiveTailPanel, type LiveTailPanelOptions } from './liveTailPanel';
import { parsePersistedState } from '../../liveTail/shared/protocol';
import type { TailSource } from '../../liveTail/tailSource';

/**
 * Panel options for one hub. `target` resolves the hub (with its secret) each time a session starts,
 * so Retry picks up a fixed key; the panel's state keeps only configId + hubName.
 */
function panelOptions(
  services: Services,
  ref: { configId: string; hubName: string },
  hubLabel: string,
  start: StartPosition,
  target: () => Promise<HubTarget>,
): LiveTailPanelOptions {
  const { tail } = settings();
  let panel: LiveTailPanel | undefined;
  const createSource = async (): Promise<TailSource> => {
    const session = services.tailSessions(await target(), {
      start,
      bufferSize: tail.bufferSize,
      bufferBytes: tail.bufferBytes,
      maxBatchSize: tail.maxBatchSize,
      failAfterMs: tail.reconnectTimeoutMs,
    });
    // The panel's entry in the tail registry follows this session (the status bar counts it while it runs).
    panel?.tail.setSession(session);
    return {
      get state() {
        return session.state;
      },
      stats: () => session.stats(),
      onEntries: (listener) => session.onEntries(listener),
      onState: (listener) => session.onState(listener),
      onStats: (listener) => session.onStats(listener),
      onNotice: (listener) => session.onNotice(listener),
      get notices() {
        return session.notices;
      },
      snapshot: (filter) => session.snapshot(filter),
      clear: () => session.clear(),
      // The hub is resolved again, so a key fixed meanwhile is used.
      reconnect: async () => session.reconnect(await target()),
      stop: async () => session.stop(),
    };
  };
  return {
    configId: ref.configId,
    hubName: ref.hubName,
    hubLabel,
    startPosition: describeStart(start),
    capacity: tail.bufferSize,
    capacityBytes: tail.bufferBytes,
    createSource,
    summarize: recordSummary,
    onCreated: (p) => {
      panel = p;
    },
  };
}

/** `defenderStream.startLiveTail` and the serializer that restores Live Tail panels after a reload. */
export function registerLiveTail(services: Services): void {
  const { context, log } = services;

  registerCommand(context, log, 'defenderStream.startLiveTail', async (nodeOrArg?: unknown) => {
    const target = await services.hubs.resolveTarget(nodeOrArg);
    const open = tailRegistry.find(target.configId, target.hubName, 'panel');
    if (open) {
      open.reveal();
      return undefined;
    }
    const start = await pickStartPosition(services.input, settings().tail.startPosition, 'Start the live tail from');
    const ref = { configId: target.configId, hubName: target.hubName };
    let first: HubTarget | undefined = target;
    LiveTailPanel.create(
      services,
      panelOptions(services, ref, target.label, start, async () => {
        const t = first ?? (await services.hubs.targetFor(ref));
        first = undefined;
        return t;
      }),
    );
    return undefined;
  });

  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer(LIVE_TAIL_VIEW_TYPE, {
      async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: unknown) {
        const saved = parsePersistedState(state);
        if (saved.configId === undefined || saved.hubName === undefined) {
          panel.dispose();
          return;
        }
        const ref = { configId: saved.configId, hubName: saved.hubName };
        const label = (await services.hubs.listHubs().catch(() => [])).find(
          (h) => h.configId === ref.configId && h.hubName === ref.hubName,
        );
        const hubLabel = label ? `${label.namespaceLabel} / ${label.hubName}` : ref.hubName;
        // A restored tail starts again at "latest" unless the setting names another position (never asks).
        const setting = settings().tail.startPosition;
        const start = startPositionFromSetting(setting === 'ask' ? 'latest' : setting);
        LiveTailPanel.adopt(
          services,
          panel,
          panelOptions(services, ref, hubLabel, start, () => services.hubs.targetFor(ref)),
        );
      },
    }),
    { dispose: () => tailRegistry.all('panel').forEach((p) => p.close()) },
  );
}
