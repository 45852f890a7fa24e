import * as vscode from 'vscode';
import { redactError } from '../../core/connection/redact';
import { showError } from './notify';
import { UserCancelledError } from './cancel';

/**
 * The one error path of every command: failures are logged (redacted) to the "Defender Stream"
 * channel and shown as one clear message with a "Show Log" button; a cancelled prompt stops quietly.
 */
export function registerCommand(
  context: vscode.ExtensionContext,
  log: vscode.LogOutputChannel,
  id: string,
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- command arguments come from VS Code untyped
  handler: (...args: any[]) => unknown,
): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      try {
        return await handler(...args);
      } catch (error) {
        if (error instanceof UserCancelledError) return undefined;
        const message = redactError(error);
        log.error(`${id}: ${message}`);
        void showError(message, 'Show Log').then((choice) => {
          if (choice === 'Show Log') log.show(true);
        });
        return undefined;
      }
    }),
  );
}
