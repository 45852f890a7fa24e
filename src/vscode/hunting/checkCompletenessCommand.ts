import * as vscode from 'vscode';
import { compareCounts } from '../../completeness/compareCounts';
import { completenessReport } from '../../completeness/completenessReport';
import { parseWindow, recentHours, windowLabel, type CompletenessWindow } from '../../completeness/completenessWindow';
import { countHubWindow, DEFAULT_MARGIN_MS } from '../../completeness/countHubWindow';
import { huntingCountQuery, huntingCounts } from '../../completeness/huntingCountQuery';
import { getTableByHubName, STREAMABLE_TABLE_NAMES } from '../../core/catalog/schemaCatalog';
import type { Services } from '../services';
import { UserCancelledError } from '../support/cancel';
import { settings } from '../support/settings';
import { huntWithProgress } from './huntWithProgress';

const TITLE = 'Check Stream Completeness';

interface WindowItem extends vscode.QuickPickItem {
  readonly window?: CompletenessWindow;
}

async function pickWindow(services: Services, hubLabel: string): Promise<CompletenessWindow> {
  const now = new Date();
  const items: WindowItem[] = [
    ...recentHours(now, 6).map((window, i) => ({
      label: windowLabel(window),
      description: i === 0 ? 'the last full hour that ended at least 15 minutes ago' : undefined,
      window,
    })),
    { label: 'Another window...', description: 'START .. END in UTC' },
  ];
  const picked = await services.input.showQuickPick(items, {
    title: `${TITLE}: ${hubLabel}`,
    placeHolder: 'Which window should the hub and Advanced Hunting both count?',
  });
  if (picked.window) return picked.window;
  const text = await services.input.showInputBox({
    title: `${TITLE}: ${hubLabel}`,
    prompt: 'The window in UTC, START .. END (ended at least 15 minutes ago, within the last 30 days)',
    value: `${items[0].window!.start.toISOString().slice(0, 16)}Z .. ${items[0].window!.end.toISOString().slice(0, 16)}Z`,
    validateInput: (value) => {
      const parsed = parseWindow(value, new Date());
      return typeof parsed === 'string' ? parsed : undefined;
    },
  });
  const parsed = parseWindow(text, new Date());
  if (typeof parsed === 'string') throw new Error(parsed);
  return parsed;
}

/**
 * `defenderStream.checkCompleteness`: for a hub and a past window, the records per table the hub holds
 * (by their time) against `count() by TableName` in Advanced Hunting, as a Markdown report.
 */
export async function checkCompletenessCommand(services: Services, ...args: unknown[]): Promise<void> {
  const target = await services.hubs.resolveTarget(args[0]);
  const window = await pickWindow(services, target.label);
  const { maxBatchSize } = settings().tail;
  services.log.info(`${TITLE}: ${target.label}, ${windowLabel(window)}`);
  const outcome = await huntWithProgress({ services, hubHost: target.namespaceHost }, TITLE, async (session) => {
    session.report(`reading ${target.label}…`);
    const hub = await countHubWindow(target, window, {
      signal: session.signal,
      maxBatchSize,
      onProgress: (p) =>
        session.report(
          `reading the hub: ${p.partitionsDone} of ${p.partitionCount} partitions done, ${p.recordsInWindow.toLocaleString('en-US')} records in the window`,
        ),
    });
    if (session.signal.aborted) throw new UserCancelledError();
    // A per-table hub (insights-logs-advancedhunting-<table>) holds one table: count only that one.
    const perTable = getTableByHubName(target.hubName);
    const query = huntingCountQuery(window, perTable ? [perTable.name] : [...STREAMABLE_TABLE_NAMES, ...hub.counts.tables.keys()]);
    session.report('counting in Advanced Hunting…');
    const result = await session.run(query.query);
    return { hub, query, hunting: huntingCounts(result), host: session.host };
  });
  const rows = compareCounts(outcome.hunting, outcome.hub.counts.tables);
  const content = completenessReport({
    hubLabel: target.label,
    graphHost: outcome.host,
    window,
    marginMs: DEFAULT_MARGIN_MS,
    rows,
    streamed: outcome.hub.counts,
    query: outcome.query.query,
    skippedTables: outcome.query.skipped,
    partial: outcome.hub.partial,
  });
  services.log.info(`${TITLE}: ${rows.length} tables compared for ${target.label} (${outcome.host}).`);
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(document, { preview: false });
}
