import { displayName } from '../../config/entries';
import type { HubConfigEntry, HubSecret } from '../../config/types';
import { HubConfigError } from '../../hubs/targets';
import { nodeRef, type HubCommandContext } from './context';
import { askConnectionString, askConsumerGroup, askHubs, askLabel, askNamespace, checkBeforeSaving } from './steps';

/** Picks a configured entry: from the tree node, else by quick pick. */
export async function pickEntry(ctx: HubCommandContext, arg: unknown, placeHolder: string): Promise<HubConfigEntry> {
  const ref = nodeRef(arg);
  if (ref) {
    const found = ctx.registry.entryFor(ref.configId);
    if (!found || found.demo) throw new HubConfigError('This event hub is not in your settings (the demo hub cannot be changed).');
    return found.entry;
  }
  const { entries } = ctx.registry.snapshot();
  if (entries.length === 0) throw new HubConfigError('No Event Hubs are configured. Use "Add Event Hub..." first.');
  return (
    await ctx.services.input.showQuickPick(
      entries.map((e) => ({ label: displayName(e), description: `${e.namespaceHost} · ${e.hubs.join(', ')}`, entry: e })),
      { placeHolder },
    )
  ).entry;
}

/** "Edit Event Hub...": change one part of an entry; connection-relevant changes are checked before saving. */
export async function editHub(ctx: HubCommandContext, arg?: unknown): Promise<HubConfigEntry> {
  const entry = await pickEntry(ctx, arg, 'Event hub to edit');
  const title = `Edit ${displayName(entry)}`;
  const what = (
    await ctx.services.input.showQuickPick(
      [
        { label: 'Label', description: displayName(entry), field: 'label' as const },
        { label: 'Event hubs', description: entry.hubs.join(', '), field: 'hubs' as const },
        { label: 'Consumer group', description: entry.consumerGroup, field: 'consumerGroup' as const },
        {
          label: entry.auth === 'entraId' ? 'Namespace (Microsoft Entra ID)' : 'Connection string (key)',
          description: entry.auth === 'entraId' ? entry.namespaceHost : `policy ${entry.sharedAccessKeyName ?? 'SAS token'}`,
          field: 'credentials' as const,
        },
      ],
      { title, placeHolder: 'What do you want to change?' },
    )
  ).field;

  let next: HubConfigEntry = entry;
  let secret: HubSecret | undefined;
  if (what === 'label') {
    next = { ...entry, label: (await askLabel(ctx, displayName(entry), title)) || undefined };
  } else if (what === 'consumerGroup') {
    next = { ...entry, consumerGroup: await askConsumerGroup(ctx, entry.consumerGroup, title) };
  } else if (what === 'hubs') {
    const current = entry.auth === 'connectionString' ? await ctx.registry.store.secretFor(entry) : undefined;
    next = {
      ...entry,
      ...(await askHubs(ctx, (hub) => ctx.registry.targetForDraft({ ...entry, hubs: [hub] }, hub, current), entry, title)),
    };
  } else if (entry.auth === 'connectionString') {
    const answer = await askConnectionString(ctx, title);
    secret = answer.secret;
    const entityPath = answer.parsed.entityPath;
    next = {
      ...entry,
      namespaceHost: answer.namespaceHost,
      sharedAccessKeyName: answer.parsed.sharedAccessKeyName,
      useDevelopmentEmulator: answer.parsed.useDevelopmentEmulator || undefined,
      ...(entityPath && !entry.hubs.some((h) => h.toLowerCase() === entityPath.toLowerCase())
        ? { hubs: [entityPath], mode: 'single' as const }
        : {}),
    };
  } else {
    const ns = await askNamespace(ctx, title);
    next = { ...entry, namespaceHost: ns.host, ...(ns.hub ? { hubs: [ns.hub], mode: 'single' as const } : {}) };
  }

  if (what !== 'label') {
    const stored = secret ?? (next.auth === 'connectionString' ? await ctx.registry.store.secretFor(entry) : undefined);
    await checkBeforeSaving(ctx, ctx.registry.targetForDraft(next, next.hubs[0], stored));
  }
  await ctx.registry.store.update(next, secret);
  ctx.services.log.info(`Updated "${displayName(next)}" (${what})`);
  ctx.tree.refresh(what !== 'label');
  return next;
}
