import * as vscode from 'vscode';
import type { DemoHubService, RunningDemo } from '../../demo/demoHubService';
import { DEV_ACCOUNT_NAME } from '../../storage/account';
import type { StorageAccountEntry } from '../../storage/accountEntries';
import { settings } from '../support/settings';
import type { HubCommandContext } from './context';

/** The demo storage account's id in the Storage Accounts view. */
export const DEMO_STORAGE_ID = 'demo-azurite';

/** VS Code side of the demo hub: the ephemeral namespace in the tree and the `defenderStream.demoRunning` context key. */
export class DemoHubGlue implements vscode.Disposable {
  private service: DemoHubService | undefined;

  constructor(private readonly ctx: HubCommandContext) {}

  /** The demo service (the local hub and traffic generator load on first use, not at activation). */
  async getService(): Promise<DemoHubService> {
    if (!this.service) {
      const { DemoHubService } = await import('../../demo/demoHubService');
      this.service ??= new DemoHubService();
      this.service.onDidChange((demo) => this.onDemoChanged(demo));
    }
    return this.service;
  }

  private onDemoChanged(demo: RunningDemo | undefined): void {
    this.ctx.registry.setEphemeral(demo ? { entry: demo.entry, secret: demo.secret } : undefined);
    if (!demo) this.ctx.services.storage.setEphemeral(undefined);
    void vscode.commands.executeCommand('setContext', 'defenderStream.demoRunning', demo !== undefined);
  }

  async start(): Promise<RunningDemo> {
    const rate = configuredRate();
    const service = await this.getService();
    const demo = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Starting the demo hub...' }, () =>
      service.start({ rate }),
    );
    this.ctx.services.log.info(
      `Demo hub listening on ${demo.entry.namespaceHost} with ${demo.entry.hubs.length} event hubs, ${rate} records/s`,
    );
    this.ctx.tree.refresh(false);
    void this.startStorage(service);
    const view = this.ctx.view;
    if (view) {
      const node = (await this.ctx.tree.getChildren()).find((n) => n.kind === 'namespace' && n.demo);
      if (node) await view.reveal(node, { expand: true, focus: false, select: false }).then(undefined, () => undefined);
    }
    return demo;
  }

  async stop(): Promise<void> {
    if (!this.service?.current) return;
    await this.service.stop();
    this.ctx.services.log.info('Demo hub stopped');
  }

  /**
   * Defender's other destination, when a local Azure Storage emulator (Azurite) runs at its default endpoint:
   * the demo's traffic also goes there, in the Storage export's layout, and the Storage Accounts view shows
   * it while the demo runs. Without one, the log says how to get one; nothing fails.
   */
  private async startStorage(service: DemoHubService): Promise<void> {
    const { log, storage } = this.ctx.services;
    try {
      const { AZURITE_HINT, startDemoStorage } = await import('../../demo/demoStorage');
      const found = await startDemoStorage(undefined, (message) => log.warn(`Demo: writing to Azurite failed: ${message}`));
      if ('problem' in found) {
        log.info(
          `Demo: no Azurite to write the Storage export to (${found.problem}). To see Defender's Storage route too, ${AZURITE_HINT}.`,
        );
        return;
      }
      if (!service.current) {
        await found.mirror.stop(); // the demo stopped meanwhile
        return;
      }
      service.setMirror(found.mirror);
      storage.setEphemeral({ entry: demoStorageEntry(found.account.blobEndpoint), account: found.account });
      log.info(`Demo: the traffic also goes to Azurite at ${found.account.blobEndpoint}, in Defender's Storage export layout`);
    } catch (error) {
      log.warn(`Demo: the Storage export was not started: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  onRateChanged(): void {
    const rate = configuredRate();
    this.service?.setRate(rate);
  }

  dispose(): void {
    void this.service?.stop();
  }
}

/** The demo's Azurite as the Storage Accounts view shows it (never in settings). */
function demoStorageEntry(blobEndpoint: string): StorageAccountEntry {
  return { id: DEMO_STORAGE_ID, label: 'Demo storage (Azurite)', accountName: DEV_ACCOUNT_NAME, blobEndpoint, auth: 'connectionString' };
}

/** `defenderStream.demo.rate`, clamped to its declared range (a hand-edited settings.json can hold anything). */
function configuredRate(): number {
  return settings().demo.rate;
}
