import type { Services } from '../services';
import { registerCommand } from '../support/commands';
import { importGetschemaResult } from './importGetschema';
import { watchWorkspaceSchema } from './workspaceSchema';

const IMPORT_GETSCHEMA_COMMAND = 'defenderStream.importGetschemaResult';

/** The tenant schema: the workspace's `.defender-stream/schema.json` (watched) and the getschema import. */
export function registerTenantSchema(services: Services): void {
  services.context.subscriptions.push(watchWorkspaceSchema(services.log));
  registerCommand(services.context, services.log, IMPORT_GETSCHEMA_COMMAND, (arg?: unknown) => importGetschemaResult(services, arg));
}
