import * as vscode from 'vscode';
import type { Services } from '../services';
import { registerCommand } from '../support/commands';
import { tailRegistry, type TailRegistry } from '../../tail/registry';

export const REVEAL_TAIL_COMMAND = 'defenderStream.revealTail';

/** Formats a rate for the status bar: "0", "12", "1.2k", "34k". */
export function formatRate(rate: number): string {
  if (rate < 1000) return String(Math.round(rate));
  if (rate < 10_000) return `${(rate / 1000).toFixed(1)}k`;
  return `${Math.round(rate / 1000)}k`;
}

/**
 * One status bar item while any tail runs (panel or editor): the number of tails and the records per
 * second; a click brings the most recent tail to the front.
 */
export function registerTailStatusBar(services: Services, registry: TailRegistry = tailRegistry): void {
  const { context } = services;
  const item = vscode.window.createStatusBarItem('defenderStream.tail', vscode.StatusBarAlignment.Left, 50);
  item.name = 'Defender Stream Tail';
  item.command = REVEAL_TAIL_COMMAND;
  context.subscriptions.push(item);
  registerCommand(context, services.log, REVEAL_TAIL_COMMAND, () => registry.latest()?.reveal());

  let timer: NodeJS.Timeout | undefined;
  const update = (): void => {
    const tails = registry.list();
    if (tails.length === 0) {
      item.hide();
      if (timer) clearInterval(timer);
      timer = undefined;
      return;
    }
    let rate = 0;
    let reconnecting = 0;
    const lines: string[] = [];
    for (const tail of tails) {
      const stats = tail.session.stats();
      const state = tail.session.state;
      rate += stats.rate;
      if (state.kind === 'reconnecting') reconnecting++;
      lines.push(
        `${tail.session.label} (${tail.kind}): ${state.kind}, ${formatRate(stats.rate)} records/s, ${stats.receivedRecords} received`,
      );
    }
    const count = tails.length === 1 ? 'Tail' : `${tails.length} tails`;
    item.text = reconnecting > 0 ? `$(sync~spin) ${count}: reconnecting` : `$(pulse) ${count}: ${formatRate(rate)}/s`;
    item.tooltip = `${lines.join('\n')}\n\nClick to show the latest tail.`;
    item.show();
    if (!timer) timer = setInterval(update, 1000);
  };
  const subscription = registry.onDidChange(update);
  context.subscriptions.push({
    dispose: () => {
      subscription.dispose();
      if (timer) clearInterval(timer);
    },
  });
  update();
}
