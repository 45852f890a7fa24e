import * as vscode from 'vscode';
import { STREAMABLE_TABLE_NAMES } from '../../core/catalog/schemaCatalog';
import type { Services } from '../services';
import { buildPageHtml, makeNonce } from '../../liveTail/html';
import { LiveTailController } from '../../liveTail/liveTailController';
import { createLiveTailHost } from './liveTailHost';
import type { TailSource } from '../../liveTail/tailSource';
import type { Summarize } from '../../liveTail/wire';
import { tailRegistry, type TailRegistration } from '../../tail/registry';
import { ShapeLearner } from '../../drift/shapeLearner';
import { loadWorkspaceSchemaLookup } from '../tenantSchema/workspaceSchema';

export const LIVE_TAIL_VIEW_TYPE = 'defenderStream.liveTail';

export interface LiveTailPanelOptions {
  readonly configId: string;
  readonly hubName: string;
  /** Title shown after "Live Tail: ". */
  readonly hubLabel: string;
  readonly startPosition: string;
  readonly capacity: number;
  /** Most bytes of entries the page keeps (the session's byte budget). */
  readonly capacityBytes?: number;
  readonly createSource: () => Promise<TailSource>;
  readonly summarize: Summarize;
  /** Called with the panel once it exists, before its first session is created. */
  readonly onCreated?: (panel: LiveTailPanel) => void;
}

/** Options every Live Tail webview is created with: scripts on, only our bundle and media folders loadable. */
export function liveTailWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions & vscode.WebviewPanelOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
    // The page is unloaded when hidden (saves memory); it replays from the session's buffer when shown.
    retainContextWhenHidden: false,
  };
}

/**
 * The "Live Tail: <hub>" panel: one webview, one controller, one tail session. It is registered in the
 * tail registry (src/tail/registry.ts) while open: that is where the panel open on a hub is found.
 */
export class LiveTailPanel implements vscode.Disposable {
  private readonly controller: LiveTailController;
  private readonly disposables: vscode.Disposable[] = [];
  /** Its entry in the tail registry; the panel's session is set on it when created. */
  readonly tail: TailRegistration;
  private disposed = false;

  /** Opens a new panel (beside the active editor) and starts the tail. */
  static create(services: Services, options: LiveTailPanelOptions): LiveTailPanel {
    const panel = vscode.window.createWebviewPanel(
      LIVE_TAIL_VIEW_TYPE,
      `Live Tail: ${options.hubLabel}`,
      { viewColumn: vscode.ViewColumn.Active, preserveFocus: false },
      liveTailWebviewOptions(services.context.extensionUri),
    );
    return new LiveTailPanel(services, panel, options);
  }

  /** Adopts a panel VS Code restored after a reload (see the serializer). */
  static adopt(services: Services, panel: vscode.WebviewPanel, options: LiveTailPanelOptions): LiveTailPanel {
    panel.webview.options = liveTailWebviewOptions(services.context.extensionUri);
    panel.title = `Live Tail: ${options.hubLabel}`;
    return new LiveTailPanel(services, panel, options);
  }

  private constructor(
    services: Services,
    readonly panel: vscode.WebviewPanel,
    readonly options: LiveTailPanelOptions,
  ) {
    // One panel per hub: one restored for a hub that already has one replaces it.
    tailRegistry.find(options.configId, options.hubName, 'panel')?.close();
    // The Schema view's learner: fed by the controller, found by Report Schema Drift through the registry.
    const shapes = new ShapeLearner();
    this.tail = tailRegistry.add({
      kind: 'panel',
      configId: options.configId,
      hubName: options.hubName,
      shapes,
      reveal: () => this.reveal(),
      close: () => this.dispose(),
    });

    this.controller = new LiveTailController({
      hub: { configId: options.configId, hubName: options.hubName },
      hubLabel: options.hubLabel,
      startPosition: options.startPosition,
      capacity: options.capacity,
      capacityBytes: options.capacityBytes,
      // The tables that reach Event Hubs; any other table that arrives joins the filter with its count.
      knownTables: STREAMABLE_TABLE_NAMES,
      host: createLiveTailHost(services, panel.webview, { configId: options.configId, hubName: options.hubName }),
      createSource: options.createSource,
      summarize: options.summarize,
      log: (m) => services.log.warn(m),
      drift: { learner: shapes, schema: loadWorkspaceSchemaLookup },
    });

    const extensionUri = services.context.extensionUri;
    const webview = panel.webview;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'activitybar.svg');
    // Set once: never reset on visibility changes (it would wipe the page).
    webview.html = buildPageHtml({
      cspSource: webview.cspSource,
      nonce: makeNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'dist', 'webview', 'liveTail.js')).toString(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, 'media', 'liveTail.css')).toString(),
      title: `Live Tail: ${options.hubLabel}`,
    });

    this.disposables.push(
      webview.onDidReceiveMessage((m: unknown) => void this.controller.handleMessage(m)),
      panel.onDidChangeViewState((e) => this.controller.setVisible(e.webviewPanel.visible)),
      panel.onDidDispose(() => this.dispose()),
    );
    options.onCreated?.(this);
    this.controller.setVisible(panel.visible);
    void this.controller.start();
  }

  reveal(): void {
    this.panel.reveal(undefined, false);
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.tail.dispose();
    void this.controller.dispose();
    for (const d of this.disposables) d.dispose();
    this.panel.dispose();
  }
}
