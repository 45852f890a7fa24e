import type { TokenCredential } from '@azure/core-auth';
import * as vscode from 'vscode';
import type { ParsedSettings } from '../../config/entries';
import { HubConfigStore } from '../../config/store';
import { buildTarget, HubConfigError } from '../../hubs/targets';
import type { HubConfigEntry, HubSecret } from '../../config/types';
import { UserCancelledError } from '../support/cancel';
import type { UserInput } from '../support/userInput';
import { hubsSettingsPort } from '../support/settings';
import { EntraSignIn } from './entraCredential';
import { hubRefsOf, isHubTarget, refArgument } from '../../hubs/hubRefs';
import type { HubTarget } from '../../hubs/hubTarget';
import type { HubRef, HubRegistry } from '../../hubs/registry';

/** An in-memory namespace (the demo hub): its entry and secret never reach settings or secret storage. */
export interface EphemeralNamespace {
  readonly entry: HubConfigEntry;
  readonly secret: HubSecret;
}

const SECTION = 'defenderStream';

/** `services.hubs`: configured hubs from settings + secret storage, plus the demo namespace when it runs. */
export class VsCodeHubRegistry implements HubRegistry, vscode.Disposable {
  readonly store: HubConfigStore;
  private readonly emitter = new vscode.EventEmitter<void>();
  private readonly disposables: vscode.Disposable[] = [this.emitter];
  private ephemeral: EphemeralNamespace | undefined;
  private readonly signIn: EntraSignIn;

  constructor(
    context: vscode.ExtensionContext,
    private readonly log: vscode.LogOutputChannel,
    private readonly input: UserInput,
  ) {
    this.store = new HubConfigStore(hubsSettingsPort(), context.secrets);
    this.signIn = new EntraSignIn(log);
    this.disposables.push(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration(`${SECTION}.hubs`)) this.emitter.fire();
      }),
    );
  }

  onDidChange(listener: () => void): vscode.Disposable {
    return this.emitter.event(listener);
  }

  /** Settings entries (valid ones and problems) and the demo namespace. */
  snapshot(): ParsedSettings & { readonly ephemeral?: HubConfigEntry } {
    return { ...this.store.load(), ephemeral: this.ephemeral?.entry };
  }

  setEphemeral(namespace: EphemeralNamespace | undefined): void {
    this.ephemeral = namespace;
    this.emitter.fire();
  }

  /** The Entra ID credential (VS Code's sign-in shows only inside `withInteractiveSignIn`). */
  get credential(): TokenCredential {
    return this.signIn.credential;
  }

  /** Lets the Entra ID credential show VS Code's sign-in while `work` runs (interactive commands only). */
  withInteractiveSignIn<T>(work: () => Promise<T>): Promise<T> {
    return this.signIn.withInteractiveSignIn(work);
  }

  entryFor(configId: string): { entry: HubConfigEntry; demo: boolean } | undefined {
    if (this.ephemeral && this.ephemeral.entry.id === configId) return { entry: this.ephemeral.entry, demo: true };
    const entry = this.store.get(configId);
    return entry ? { entry, demo: false } : undefined;
  }

  async listHubs(): Promise<readonly HubRef[]> {
    const { entries, ephemeral } = this.snapshot();
    const refs = entries.flatMap((e) => hubRefsOf(e, false));
    if (ephemeral) refs.push(...hubRefsOf(ephemeral, true));
    return refs;
  }

  async targetFor(ref: Pick<HubRef, 'configId' | 'hubName'>): Promise<HubTarget> {
    const found = this.entryFor(ref.configId);
    if (!found) throw new HubConfigError('This event hub is no longer configured. Refresh the Event Hubs view.');
    const secret = found.demo
      ? this.ephemeral?.secret
      : found.entry.auth === 'connectionString'
        ? await this.store.secretFor(found.entry)
        : undefined;
    return buildTarget(found.entry, ref.hubName, secret, () => this.credential);
  }

  /** A target for an entry that is not saved yet (the Add/Edit flow's connection check). */
  targetForDraft(entry: HubConfigEntry, hubName: string, secret: HubSecret | undefined): HubTarget {
    return buildTarget(entry, hubName, secret, () => this.credential);
  }

  async resolveTarget(nodeOrArg?: unknown): Promise<HubTarget> {
    if (isHubTarget(nodeOrArg)) return nodeOrArg;
    const ref = refArgument(nodeOrArg);
    if (ref?.hubName) return this.targetFor({ configId: ref.configId, hubName: ref.hubName });
    let candidates = await this.listHubs();
    if (ref) candidates = candidates.filter((h) => h.configId === ref.configId);
    if (candidates.length === 0) {
      const choice = await this.input.showWarningMessage(
        'No Event Hubs are configured yet.',
        { modal: false },
        'Add Event Hub...',
        'Start Demo Hub',
      );
      if (choice === 'Add Event Hub...') await vscode.commands.executeCommand('defenderStream.addHub');
      if (choice === 'Start Demo Hub') await vscode.commands.executeCommand('defenderStream.startDemoHub');
      throw new UserCancelledError(); // the command that asked for a hub ends; the one chosen runs instead
    }
    if (candidates.length === 1) return this.targetFor(candidates[0]);
    const picked = await this.input.showQuickPick(
      candidates.map((h) => ({
        label: h.hubName,
        description: h.table ? `${h.namespaceLabel} · ${h.table}` : h.namespaceLabel,
        detail: h.demo ? 'Demo hub (local)' : undefined,
        ref: h,
      })),
      { title: 'Choose an event hub', placeHolder: 'Event hub', matchOnDescription: true },
    );
    this.log.debug(`Chose hub ${picked.ref.namespaceLabel} / ${picked.ref.hubName}`);
    return this.targetFor(picked.ref);
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

/** Builds `services.hubs` and ties its lifetime to the extension. */
export function createHubRegistry(context: vscode.ExtensionContext, log: vscode.LogOutputChannel, input: UserInput): VsCodeHubRegistry {
  const registry = new VsCodeHubRegistry(context, log, input);
  context.subscriptions.push(registry);
  return registry;
}
