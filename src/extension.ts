import * as vscode from 'vscode';
import { createHubRegistry, registerHubs } from './vscode/hubs';
import { registerKqlCommands } from './vscode/kql';
import { MeasurementState } from './vscode/kql/measurementState';
import { registerEditorTail } from './vscode/editorTail/editorTail';
import { registerValidation } from './vscode/validation/registerValidation';
import type { Services } from './vscode/services';
import type { TailSessionFactory } from './tail/types';
import type { StorageTailSessionFactory } from './storage/storageTailSource';
import { createWorkerStorageTailSession, createWorkerTailSession } from './tail/worker/workerTailSession';
import { registerCommand } from './vscode/support/commands';
import { showError } from './vscode/support/notify';
import { registerFeatures } from './vscode/support/registerFeatures';
import { registerLiveTail } from './vscode/liveTail/registerLiveTail';
import { registerTenantSchema } from './vscode/tenantSchema/registerTenantSchema';
import { registerDrift } from './vscode/drift/registerDrift';
import { registerHunting } from './vscode/hunting/registerHunting';
import { registerSend } from './vscode/send';
import { registerStorage } from './vscode/storage';
import { StorageAccounts } from './vscode/storage/storageAccounts';
import { windowUserInput } from './vscode/support/userInput';

/** Composition root: builds the services and registers every command, view and provider. */
export function activate(context: vscode.ExtensionContext): void {
  const log = vscode.window.createOutputChannel('Defender Stream', { log: true });
  context.subscriptions.push(log);
  const hubs = createHubRegistry(context, log, windowUserInput);
  // Each tail's consumer, decoding and buffer run in a worker thread: this thread is every extension's.
  const tailWorker = { workerFile: context.asAbsolutePath('dist/tailWorker.js') };
  const tailSessions: TailSessionFactory = (target, options) => createWorkerTailSession(target, options, tailWorker);
  const storageTailSessions: StorageTailSessionFactory = (source, options) => createWorkerStorageTailSession(source, options, tailWorker);
  const storage = new StorageAccounts(context, log);
  context.subscriptions.push(storage);
  const services: Services = { context, log, input: windowUserInput, hubs, storage, tailSessions, storageTailSessions };
  // The latest Measure Capacity result: its record sizes feed Estimate Capacity from Advanced Hunting.
  const measurements = new MeasurementState();

  registerCommand(context, log, 'defenderStream.showLog', () => log.show());
  // Each feature on its own: one that fails to start is logged and reported once, the others still register.
  registerFeatures(
    log,
    [
      { name: 'Event Hubs', register: () => registerHubs(services, hubs) },
      { name: 'Storage Accounts', register: () => registerStorage(services, storage) },
      { name: 'Editor Tail', register: () => registerEditorTail(services) },
      { name: 'Send Events', register: () => registerSend(services) },
      { name: 'Validation', register: () => registerValidation(services) },
      { name: 'Live Tail', register: () => registerLiveTail(services) },
      { name: 'KQL', register: () => registerKqlCommands(services, measurements) },
      { name: 'Tenant Schema', register: () => registerTenantSchema(services) },
      { name: 'Schema Drift', register: () => registerDrift(services) },
      { name: 'Advanced Hunting', register: () => registerHunting(services, measurements) },
    ],
    (message) =>
      void showError(message, 'Show Log').then((choice) => {
        if (choice === 'Show Log') log.show(true);
      }),
  );
  log.info(`Defender Stream Explorer ${context.extension.packageJSON.version as string} activated`);
}

export function deactivate(): void {
  // Everything is disposed through context.subscriptions.
}
