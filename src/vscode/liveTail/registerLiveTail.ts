import * as vscode from 'vscode';
import type { HubTarget } from '../../hubs/hubTarget';
import type { Services } from '../services';
import { tailRegistry } from '../../tail/registry';
import { describeStart, startPositionFromSetting } from '../../tail/startSetting';
import { recordSummary } from '../../tail/summary';
import type { StartPosition, TailSession, TailSessionOptions } from '../../tail/types';
import { parseStorageTailIds, storageTailIds, type StorageTailRef } from '../../storage/tailRef';
import { openStorageTail, storageTailName, storageTailRefOf } from '../storage/storageTails';
import { showInfo } from '../support/notify';
import { registerCommand } from '../support/commands';
import { settings } from '../support/settings';
import { pickStartPosition } from '../support/pickers';
import { LIVE_TAIL_VIEW_TYPE, LiveTailPanel, type LiveTailPanelOptions } from './liveTailPanel';
import { parsePersistedState } from '../../liveTail/shared/protocol';
import type { TailSource } from '../../liveTail/tailSource';
import { DEFAULT_MAX_PER_BATCH } from '../../liveTail/liveTailController';

/** How a panel's tail starts and reconnects: a hub's (in a worker thread) or a Storage account's. */
interface PanelTail {
  /** Registry ids (`configId`, `hubName`): all the panel's state keeps of its source. */
  readonly ids: { readonly configId: string; readonly hubName: string };
  /** Title shown after "Live Tail: ". */
  readonly label: string;
  readonly start: StartPosition;
  /** Starts a session with the tail settings' buffer and timeouts. */
  startSession(options: TailSessionOptions): Promise<TailSession>;
  /** Retry after a failure: connects again where the session was. */
  reconnect(session: TailSession): Promise<void>;
}

/**
 * Panel options for one tail. `startSession` resolves the source (with its secret) each time a session
 * starts, so Retry picks up a fixed key; the panel's state keeps only the ids.
 */
function panelOptions(tail: PanelTail): LiveTailPanelOptions {
  const settingsOf = settings().tail;
  let panel: LiveTailPanel | undefined;
  const createSource = async (): Promise<TailSource> => {
    const session = await tail.startSession({
      start: tail.start,
      bufferSize: settingsOf.bufferSize,
      bufferBytes: settingsOf.bufferBytes,
      maxBatchSize: settingsOf.maxBatchSize,
      failAfterMs: settingsOf.reconnectTimeoutMs,
      // The panel posts at most this many a tick: the rest stays in the session's buffer (in its worker).
      maxEmit: DEFAULT_MAX_PER_BATCH,
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
      reconnect: () => tail.reconnect(session),
      stop: async () => session.stop(),
    };
  };
  return {
    configId: tail.ids.configId,
    hubName: tail.ids.hubName,
    hubLabel: tail.label,
    startPosition: describeStart(tail.start),
    capacity: settingsOf.bufferSize,
    capacityBytes: settingsOf.bufferBytes,
    createSource,
    summarize: recordSummary,
    onCreated: (p) => {
      panel = p;
    },
  };
}

/** A hub's panel tail: `target` resolves the hub (with its secret) for each session and for Retry. */
function hubTail(services: Services, ref: HubRef, label: string, start: StartPosition, target: () => Promise<HubTarget>): PanelTail {
  return {
    ids: ref,
    label,
    start,
    startSession: async (options) => services.tailSessions(await target(), options),
    // The hub is resolved again, so a key fixed meanwhile is used.
    reconnect: async (session) => session.reconnect(await target()),
  };
}

/** A Storage account's panel tail: the account is opened (with its secret) for each session; Retry opens it again. */
function storageTail(services: Services, ref: StorageTailRef, start: StartPosition): PanelTail {
  return {
    ids: storageTailIds(ref),
    label: storageTailName(services.storage, ref),
    start,
    startSession: async (options) => (await openStorageTail(services.storage, ref, services.storageTailSessions)).startSession(options),
    reconnect: (session) => session.reconnect(),
  };
}

interface HubRef {
  readonly configId: string;
  readonly hubName: string;
}

/** Where a restored tail starts: the setting's position, "latest" when it is "ask" (a restored panel never asks). */
function restoredStart(): StartPosition {
  const setting = settings().tail.startPosition;
  return startPositionFromSetting(setting === 'ask' ? 'latest' : setting);
}

/** `defenderStream.startLiveTail` and the serializer that restores Live Tail panels after a reload. */
export function registerLiveTail(services: Services): void {
  const { context, log } = services;

  registerCommand(context, log, 'defenderStream.startLiveTail', async (nodeOrArg?: unknown) => {
    const storage = storageTailRefOf(nodeOrArg);
    if (storage) {
      const ids = storageTailIds(storage);
      const open = tailRegistry.find(ids.configId, ids.hubName, 'panel');
      if (open) return open.reveal();
      // Opened now, so a missing key is said before a panel opens (the first session reuses it).
      await services.storage.open(storage.accountId);
      const start = await pickStartPosition(services.input, settings().tail.startPosition, 'Start the live tail from', {
        currentHour: true,
      });
      LiveTailPanel.create(services, panelOptions(storageTail(services, storage, start)));
      return undefined;
    }
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
      panelOptions(
        hubTail(services, ref, target.label, start, async () => {
          const t = first ?? (await services.hubs.targetFor(ref));
          first = undefined;
          return t;
        }),
      ),
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
        const storage = parseStorageTailIds(saved.configId, saved.hubName);
        if (storage) {
          if (!services.storage.store.get(storage.accountId)) {
            // Its account was removed meanwhile: nothing to tail, and the page would only show an error.
            panel.dispose();
            log.info('A restored Live Tail panel was closed: its storage account is no longer configured.');
            void showInfo('A Live Tail panel of a storage account that is no longer configured was closed.');
            return;
          }
          LiveTailPanel.adopt(services, panel, panelOptions(storageTail(services, storage, restoredStart())));
          return;
        }
        const ref = { configId: saved.configId, hubName: saved.hubName };
        const label = (await services.hubs.listHubs().catch(() => [])).find(
          (h) => h.configId === ref.configId && h.hubName === ref.hubName,
        );
        const hubLabel = label ? `${label.namespaceLabel} / ${label.hubName}` : ref.hubName;
        // A restored tail starts again at "latest" unless the setting names another position (never asks).
        LiveTailPanel.adopt(
          services,
          panel,
          panelOptions(hubTail(services, ref, hubLabel, restoredStart(), () => services.hubs.targetFor(ref))),
        );
      },
    }),
    { dispose: () => tailRegistry.all('panel').forEach((p) => p.close()) },
  );
}
