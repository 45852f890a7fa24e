import * as vscode from 'vscode';
import { STREAMABLE_TABLES } from '../../core/catalog/schemaCatalog';
import type { HubTarget } from '../../hubs/hubTarget';
import { groupIntoBodies } from '../../send/group';
import { parseSendInput, type SendItem } from '../../send/input';
import type { SendResult } from '../../send/sender';
import type { Services } from '../services';
import { UserCancelledError } from '../support/cancel';
import { showInfo } from '../support/notify';
import { pickTables } from '../support/pickers';

const TITLE = 'Send Events to Hub';

type Source = 'files' | 'editor' | 'traffic';

/** A whole number from `min` to `max`, or the reason it is not. */
export function checkWholeNumber(text: string, min: number, max: number, blankOk = false): string | undefined {
  const value = text.trim();
  if (value === '' && blankOk) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max)
    return `A whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}.`;
  return undefined;
}

async function askNumber(services: Services, prompt: string, value: string, min: number, max: number, blankOk = false): Promise<number> {
  const text = await services.input.showInputBox({
    title: TITLE,
    prompt,
    value,
    ignoreFocusOut: true,
    validateInput: (v) => checkWholeNumber(v, min, max, blankOk),
  });
  return text.trim() === '' ? 0 : Number(text.trim());
}

/** The event bodies to send and how many times, from the chosen source. */
async function chooseBodies(services: Services): Promise<{ bodies: string[]; repeat: number; from: string }> {
  const editor = vscode.window.activeTextEditor;
  const sources: Array<vscode.QuickPickItem & { source: Source }> = [
    {
      label: '$(file) Sample files...',
      detail: 'A message body {"records": [...]}, a record array or NDJSON, e.g. a Live Tail export',
      source: 'files',
    },
    ...(editor
      ? [{ label: '$(edit) The active editor', detail: vscode.workspace.asRelativePath(editor.document.uri), source: 'editor' as const }]
      : []),
    { label: '$(pulse) Demo traffic...', detail: 'Realistic records of the tables you choose', source: 'traffic' },
  ];
  const { source } = await services.input.showQuickPick(sources, { title: TITLE, placeHolder: 'What should be sent?' });
  if (source === 'traffic') {
    const tables = await pickTables(services.input, { title: `${TITLE}: tables`, tables: STREAMABLE_TABLES });
    const count = await askNumber(services, 'How many events (message bodies of 1 to 8 records each)?', '100', 1, 1_000_000);
    const { trafficBodies } = await import('../../send/traffic');
    return { bodies: trafficBodies(count, tables), repeat: 1, from: `demo traffic of ${tables.join(', ')}` };
  }
  const items: SendItem[] = [];
  let from: string;
  if (source === 'editor' && editor) {
    from = vscode.workspace.asRelativePath(editor.document.uri);
    items.push(...parseSendInput(editor.document.getText(), from));
  } else {
    const uris = await services.input.showOpenDialog({
      title: TITLE,
      canSelectMany: true,
      openLabel: 'Send',
      filters: { 'Defender JSON / NDJSON': ['json', 'ndjson', 'jsonl'], 'All files': ['*'] },
    });
    for (const uri of uris) {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      items.push(...parseSendInput(text, vscode.workspace.asRelativePath(uri)));
    }
    from = uris.length === 1 ? vscode.workspace.asRelativePath(uris[0]) : `${uris.length} files`;
  }
  const bodies = groupIntoBodies(items);
  const repeat = await askNumber(services, `${bodies.length} events (message bodies). Send them how many times?`, '1', 1, 100_000);
  return { bodies, repeat, from };
}

async function isDemo(services: Services, target: HubTarget): Promise<boolean> {
  return (await services.hubs.listHubs()).some((h) => h.demo && h.configId === target.configId && h.hubName === target.hubName);
}

/**
 * `defenderStream.sendEvents`: sends sample files, the active editor or demo traffic to a hub, at a
 * chosen rate, batched within the hub's size limit, with progress and Cancel. Any hub but the demo's is
 * named in a modal confirmation first.
 */
export async function sendEventsCommand(services: Services, args: readonly unknown[]): Promise<SendResult> {
  const target = await services.hubs.resolveTarget(args[0]);
  const { bodies, repeat, from } = await chooseBodies(services);
  const rate = await askNumber(
    services,
    'At most how many events per second? (empty: as fast as the hub takes them)',
    '',
    1,
    1_000_000,
    true,
  );
  const total = bodies.length * repeat;
  const where = `"${target.hubName}" on ${target.namespaceHost}`;
  if (!(await isDemo(services, target))) {
    const answer = await services.input.showWarningMessage(
      `Send ${total.toLocaleString('en-US')} events from ${from} to ${where}? Every application that reads this hub will receive them.`,
      { modal: true },
      'Send',
    );
    if (answer !== 'Send') throw new UserCancelledError();
  }
  services.log.info(`Sending ${total} events from ${from} to ${target.label}${rate > 0 ? ` at ${rate}/s` : ''}`);
  const { sendToHub } = await import('../../send/sendToHub');
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Sending to ${target.hubName}`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      let reported = 0;
      try {
        return await sendToHub(
          target,
          { bodies, repeat, rate },
          {
            signal: controller.signal,
            onProgress: (p) => {
              const percent = (p.sent / p.total) * 100;
              progress.report({
                message: `${p.sent.toLocaleString('en-US')} of ${p.total.toLocaleString('en-US')} events`,
                increment: percent - reported,
              });
              reported = percent;
            },
          },
        );
      } finally {
        subscription.dispose();
      }
    },
  );
  const text = `${result.cancelled ? 'Cancelled after sending' : 'Sent'} ${result.sent.toLocaleString('en-US')} of ${result.total.toLocaleString('en-US')} events to ${where}.`;
  services.log.info(text);
  void showInfo(text);
  return result;
}
