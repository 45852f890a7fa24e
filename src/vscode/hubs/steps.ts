import * as vscode from 'vscode';
import { checkConsumerGroup, checkHubName, checkLabel, checkNamespace } from '../../config/validate';
import { DEFAULT_CONSUMER_GROUP, type HubConfigEntry, type HubSecret } from '../../config/types';
import { STREAMABLE_TABLES, PER_TABLE_HUB_PREFIX, streamStatusLabel } from '../../core/catalog/schemaCatalog';
import { CLOUDS, type AzureCloud } from '../../core/connection/cloud';
import { parseConnectionString, type EventHubsConnectionString } from '../../core/connection/connectionString';
import { ConnectionError } from '../../core/connection/errors';
import { parseNamespaceInput } from '../../core/connection/namespace';
import { redact } from '../../core/connection/redact';
import { checkConnection, type CheckResult } from '../../hubs/connectionCheck';
import { ConnectionCheckError } from '../../hubs/errors';
import type { HubTarget } from '../../hubs/hubTarget';
import { probePerTableHubs } from '../../hubs/probe';
import { UserCancelledError } from '../support/cancel';
import { type HubCommandContext } from './context';

/** The prompts of the Add/Edit flow; each validates as the user types and explains what is wrong. */

const TITLE = 'Add Event Hub';

export function connectionStringProblem(value: string): string | undefined {
  if (value.trim() === '') return 'Paste the connection string (Endpoint=sb://...;SharedAccessKeyName=...;SharedAccessKey=...).';
  try {
    parseConnectionString(value);
    return undefined;
  } catch (error) {
    if (error instanceof ConnectionError) {
      // "malformed" quotes the text, which may be a key: never echo it.
      if (error.code === 'malformed')
        return 'This is not a connection string: expected "Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=<policy>;SharedAccessKey=<key>".';
      return redact(error.message);
    }
    return 'This connection string cannot be read.';
  }
}

export interface ConnectionStringAnswer {
  readonly parsed: EventHubsConnectionString;
  readonly namespaceHost: string;
  readonly secret: HubSecret;
}

export async function askConnectionString(ctx: HubCommandContext, title = TITLE): Promise<ConnectionStringAnswer> {
  const text = await ctx.services.input.showInputBox({
    title,
    prompt:
      'Connection string of a shared access policy with Listen rights: namespace level, or hub level (with EntityPath). The key is kept in VS Code secret storage.',
    placeHolder: 'Endpoint=sb://<namespace>.servicebus.windows.net/;SharedAccessKeyName=...;SharedAccessKey=...',
    password: true,
    ignoreFocusOut: true,
    validateInput: connectionStringProblem,
  });
  const parsed = parseConnectionString(text);
  const namespaceHost = parseNamespaceInput(parsed.host).host;
  const secret: HubSecret = parsed.sharedAccessSignature
    ? { sharedAccessSignature: parsed.sharedAccessSignature }
    : { sharedAccessKey: parsed.sharedAccessKey };
  return { parsed, namespaceHost, secret };
}

export async function askNamespace(ctx: HubCommandContext, title = TITLE): Promise<{ host: string; hub?: string }> {
  const text = (
    await ctx.services.input.showInputBox({
      title,
      prompt:
        'Event Hubs namespace: its host name, its name, or the resource ID that the Defender portal asks for (/subscriptions/.../providers/Microsoft.EventHub/namespaces/<name>).',
      placeHolder: 'contoso-soc.servicebus.windows.net',
      ignoreFocusOut: true,
      validateInput: checkNamespace,
    })
  ).trim();
  let cloud: AzureCloud = CLOUDS[0];
  const needsCloud = text.startsWith('/') || (!text.includes('.') && !text.includes(':'));
  if (needsCloud) {
    const picked = await ctx.services.input.showQuickPick(
      CLOUDS.map((c) => ({ label: c.label, description: `*${c.serviceBusSuffix}`, cloud: c })),
      { title, placeHolder: 'Which Azure cloud is the namespace in?' },
    );
    cloud = picked.cloud;
  }
  return parseNamespaceInput(text, cloud);
}

export async function askHubName(ctx: HubCommandContext, value?: string, title = TITLE): Promise<string> {
  return (
    await ctx.services.input.showInputBox({
      title,
      prompt: 'Name of the event hub that Defender streams to (single-hub mode).',
      placeHolder: 'e.g. defender-stream',
      value,
      ignoreFocusOut: true,
      validateInput: checkHubName,
    })
  ).trim();
}

/** Single hub or one hub per table; returns the hubs and the mode. */
export async function askHubs(
  ctx: HubCommandContext,
  targetFor: (hubName: string) => HubTarget,
  current?: Pick<HubConfigEntry, 'hubs' | 'mode'>,
  title = TITLE,
): Promise<Pick<HubConfigEntry, 'hubs' | 'mode'>> {
  const mode = (
    await ctx.services.input.showQuickPick(
      [
        {
          label: 'One event hub',
          description: 'All selected tables stream to one named hub',
          mode: 'single' as const,
          picked: current?.mode !== 'perTable',
        },
        {
          label: 'One event hub per table',
          description: `${PER_TABLE_HUB_PREFIX}<table>`,
          mode: 'perTable' as const,
          picked: current?.mode === 'perTable',
        },
      ],
      { title, placeHolder: 'How does Defender stream to this namespace?' },
    )
  ).mode;
  if (mode === 'single') return { mode, hubs: [await askHubName(ctx, current?.mode === 'single' ? current.hubs[0] : undefined, title)] };
  return { mode, hubs: await askTables(ctx, targetFor, current?.mode === 'perTable' ? current.hubs : undefined, title) };
}

async function askTables(
  ctx: HubCommandContext,
  targetFor: (hubName: string) => HubTarget,
  current: readonly string[] | undefined,
  title: string,
): Promise<string[]> {
  const how = await ctx.services.input.showQuickPick(
    [
      { label: '$(search) Probe the namespace', description: 'Find which per-table hubs exist', probe: true },
      {
        label: '$(list-selection) Choose tables',
        description: `From the ${STREAMABLE_TABLES.length} Advanced Hunting tables that reach Event Hubs`,
        probe: false,
      },
    ],
    { title, placeHolder: 'Which tables?' },
  );
  let found = new Map<string, number>();
  let probed = false;
  if (how.probe) {
    try {
      const result = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Looking for per-table event hubs...' },
        () => probePerTableHubs(targetFor),
      );
      found = new Map(result.found.map((f) => [f.hubName, f.partitionCount]));
      probed = true;
      ctx.services.log.info(`Probe found ${result.found.length} per-table hubs: ${result.found.map((f) => f.table).join(', ') || 'none'}`);
    } catch (error) {
      const message = error instanceof ConnectionCheckError ? error.message : redact(String((error as Error).message ?? error));
      ctx.services.log.warn(`Probe failed: ${message}`);
      await ctx.services.input.showWarningMessage(`${message} Choose the tables by hand instead?`, { modal: false }, 'Choose Tables');
    }
  }
  const selected = new Set((current ?? []).map((h) => h.toLowerCase()));
  const picks = await ctx.services.input.showQuickPick(
    STREAMABLE_TABLES.map((t) => ({
      label: t.name,
      description: `${probed ? (found.has(t.hubName) ? `found · ${found.get(t.hubName)} partitions` : 'not found') : t.hubName} · ${streamStatusLabel(t.streamStatus)}`,
      picked: probed ? found.has(t.hubName) : selected.has(t.hubName),
      hubName: t.hubName,
    })),
    {
      title,
      placeHolder:
        probed && found.size === 0 ? 'No per-table hubs found; choose the tables you expect' : 'Tables streamed to this namespace',
      canPickMany: true,
    },
  );
  if (picks.length === 0) throw new UserCancelledError();
  return picks.map((p) => p.hubName);
}

export async function askConsumerGroup(ctx: HubCommandContext, value = DEFAULT_CONSUMER_GROUP, title = TITLE): Promise<string> {
  return (
    await ctx.services.input.showInputBox({
      title,
      prompt:
        'Consumer group. Tip: a dedicated group (e.g. "defender-explorer") avoids taking events from a production consumer that reads $Default.',
      value,
      ignoreFocusOut: true,
      validateInput: checkConsumerGroup,
    })
  ).trim();
}

export async function askLabel(ctx: HubCommandContext, value: string, title = TITLE): Promise<string> {
  return (
    await ctx.services.input.showInputBox({
      title,
      prompt: 'Label shown in the Event Hubs view.',
      value,
      ignoreFocusOut: true,
      validateInput: checkLabel,
    })
  ).trim();
}

/** The quick check before saving; returns the result when the user may save (ok, or "Save Anyway"). */
export async function checkBeforeSaving(ctx: HubCommandContext, target: HubTarget): Promise<CheckResult> {
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Checking the connection to ${target.hubName}...` },
    () => ctx.registry.withInteractiveSignIn(() => checkConnection(target)),
  );
  if (result.ok) {
    ctx.services.log.info(
      `Connection check passed for ${target.namespaceHost} / ${target.hubName}: ${result.hub.partitionIds.length} partitions`,
    );
    return result;
  }
  ctx.services.log.warn(`Connection check failed for ${target.namespaceHost} / ${target.hubName}: ${result.problem.message}`);
  await ctx.services.input.showWarningMessage(`The connection check failed: ${result.problem.message}`, { modal: false }, 'Save Anyway');
  return result;
}
