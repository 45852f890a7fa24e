import { displayName } from '../../config/entries';
import { newEntryId } from '../../config/ids';
import type { HubConfigEntry, HubSecret } from '../../config/types';
import { type HubCommandContext } from './context';
import { askConnectionString, askConsumerGroup, askHubs, askLabel, askNamespace, checkBeforeSaving } from './steps';

/**
 * "Add Event Hub...": authentication → namespace/connection string → hub(s) → consumer group →
 * label → quick connection check → save (key to secret storage, the rest to user settings).
 */
export async function addHub(ctx: HubCommandContext): Promise<HubConfigEntry> {
  const { input, log } = ctx.services;
  const auth = (
    await input.showQuickPick(
      [
        {
          label: '$(key) Connection string',
          description: 'Shared access policy with Listen rights',
          authKind: 'connectionString' as const,
        },
        {
          label: '$(account) Microsoft Entra ID',
          description: 'Your Microsoft account in VS Code, Azure CLI, environment or managed identity',
          authKind: 'entraId' as const,
        },
      ],
      { title: 'Add Event Hub', placeHolder: 'How do you sign in to the Event Hubs namespace?' },
    )
  ).authKind;

  let namespaceHost: string;
  let secret: HubSecret | undefined;
  let fixedHub: string | undefined;
  let sharedAccessKeyName: string | undefined;
  let useDevelopmentEmulator: boolean | undefined;
  if (auth === 'connectionString') {
    const answer = await askConnectionString(ctx);
    namespaceHost = answer.namespaceHost;
    secret = answer.secret;
    fixedHub = answer.parsed.entityPath;
    sharedAccessKeyName = answer.parsed.sharedAccessKeyName;
    useDevelopmentEmulator = answer.parsed.useDevelopmentEmulator || undefined;
  } else {
    const ns = await askNamespace(ctx);
    namespaceHost = ns.host;
    fixedHub = ns.hub;
  }

  const existingIds = ctx.registry.snapshot().entries.map((e) => e.id);
  const base: HubConfigEntry = {
    id: newEntryId(namespaceHost, existingIds),
    namespaceHost,
    hubs: fixedHub ? [fixedHub] : [],
    mode: 'single',
    consumerGroup: '$Default',
    auth,
    sharedAccessKeyName,
    useDevelopmentEmulator,
  };
  const targetFor = (hubName: string) => ctx.registry.targetForDraft({ ...base, hubs: [hubName] }, hubName, secret);
  // A hub-level connection string (EntityPath) or a hub resource ID names the hub already.
  const hubs = fixedHub ? { hubs: [fixedHub], mode: 'single' as const } : await askHubs(ctx, targetFor);
  const consumerGroup = await askConsumerGroup(ctx);
  const label = await askLabel(ctx, namespaceHost.split('.')[0].replace(/:\d+$/, ''));
  const entry: HubConfigEntry = { ...base, ...hubs, consumerGroup, label: label || undefined };

  const check = await checkBeforeSaving(ctx, ctx.registry.targetForDraft(entry, entry.hubs[0], secret));
  await ctx.registry.store.add(entry, secret);
  log.info(
    `Added "${displayName(entry)}" (${entry.namespaceHost}: ${entry.hubs.join(', ')}; ${entry.auth === 'entraId' ? 'Microsoft Entra ID' : `policy ${entry.sharedAccessKeyName ?? 'SAS token'}`})`,
  );
  if (check.ok) ctx.tree.setStatus(entry.id, entry.hubs[0], { state: 'connected', info: check.hub, at: Date.now() });
  else ctx.tree.setStatus(entry.id, entry.hubs[0], { state: 'error', problem: check.problem, at: Date.now() });
  ctx.tree.refresh(false);
  return entry;
}
