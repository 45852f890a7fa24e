import * as vscode from 'vscode';
import type { DemoHubService, RunningDemo } from '../../demo/demoHubService';
import { settings } from '../support/settings';
import type { HubCommandContext } from './context';

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

  onRateChanged(): void {
    const rate = configuredRate();
    this.service?.setRate(rate);
  }

  dispose(): void {
    void this.service?.stop();
  }
}

/** `defenderStream.demo.rate`, clamped to its declared range (a hand-edited settings.json can hold anything). */
function configuredRate(): number {
  return settings().demo.rate;
}
