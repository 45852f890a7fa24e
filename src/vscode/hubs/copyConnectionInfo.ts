import * as vscode from 'vscode';
import { showInfo } from '../support/notify';
import { formatConnectionInfo } from '../../config/connectionInfo';
import { HubConfigError } from '../../hubs/targets';
import { nodeRef, type HubCommandContext } from './context';
import { pickEntry } from './editHub';

/** "Copy Connection Info": namespace, hub(s), consumer group and auth kind; never the key. */
export async function copyConnectionInfo(ctx: HubCommandContext, arg?: unknown): Promise<string> {
  const ref = nodeRef(arg);
  const found = ref ? ctx.registry.entryFor(ref.configId) : undefined;
  if (ref && !found) throw new HubConfigError('This event hub is no longer configured.');
  const entry = found?.entry ?? (await pickEntry(ctx, undefined, 'Event hub whose connection info to copy'));
  const text = formatConnectionInfo(entry, ref?.hubName);
  await vscode.env.clipboard.writeText(text);
  void showInfo('Copied the connection info (without the key).');
  return text;
}
