import { displayName } from '../../config/entries';
import { nodeRef, type HubCommandContext } from './context';
import { pickEntry } from './editHub';

/**
 * "Remove Event Hub": a namespace node (or a lone hub) removes the whole entry and deletes its key
 * from secret storage; a hub node of a namespace with several hubs removes only that hub.
 */
export async function removeHub(ctx: HubCommandContext, arg?: unknown): Promise<boolean> {
  const entry = await pickEntry(ctx, arg, 'Event hub to remove');
  const hubName = nodeRef(arg)?.hubName;
  const name = displayName(entry);
  if (hubName && entry.hubs.length > 1) {
    await ctx.services.input.showWarningMessage(
      `Remove event hub "${hubName}" from "${name}"? The other ${entry.hubs.length - 1} hub(s) stay.`,
      { modal: false },
      'Remove Hub',
    );
    await ctx.registry.store.update({ ...entry, hubs: entry.hubs.filter((h) => h !== hubName) });
    ctx.services.log.info(`Removed hub ${hubName} from "${name}"`);
  } else {
    const detail = entry.auth === 'connectionString' ? ' Its key is deleted from VS Code secret storage.' : '';
    await ctx.services.input.showWarningMessage(`Remove "${name}" (${entry.namespaceHost})?${detail}`, { modal: false }, 'Remove');
    await ctx.registry.store.remove(entry.id);
    ctx.services.log.info(`Removed "${name}" and its stored key`);
  }
  ctx.tree.refresh(false);
  return true;
}
