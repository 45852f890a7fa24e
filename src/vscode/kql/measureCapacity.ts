import * as vscode from 'vscode';
import { showInfo } from '../support/notify';
import { settings } from '../support/settings';
import { planCapacity } from '../../capacity/capacityPlan';
import { capacityReport } from '../../capacity/capacityReport';
import { measureHub, type MeasureResult } from '../../capacity/measureHub';
import { renderText } from '../../kql/snippet';
import type { Services } from '../services';
import { measureStorageCapacityCommand } from '../storage/storageCapacityCommand';
import { storageTailRefOf } from '../storage/storageTails';
import { measuredTemplate } from './insertCapacity';
import type { MeasurementState } from './measurementState';

interface DurationItem extends vscode.QuickPickItem {
  readonly ms: number;
}

const DURATIONS: readonly DurationItem[] = [
  { label: '15 seconds', ms: 15_000 },
  { label: '30 seconds', ms: 30_000, description: 'recommended' },
  { label: '60 seconds', ms: 60_000 },
  { label: '5 minutes', ms: 300_000 },
];

export const INSERT_MEASURED = 'Insert Measured Capacity Query';

export interface MeasureCapacityOutcome {
  readonly result: MeasureResult;
  /** The Markdown report (also opened as an untitled document and previewed). */
  readonly report: string;
  readonly reportUri: string;
}

/**
 * `defenderStream.measureCapacity`: tails a hub for a chosen time (progress notification, cancellable),
 * then opens a Markdown report sized for both streaming modes and offers the measured-bytes query. On a
 * storage account's node, the report comes from the export's hour blobs (src/vscode/storage/storageCapacityCommand.ts).
 */
export async function measureCapacity(
  services: Services,
  state: MeasurementState,
  args: readonly unknown[],
): Promise<MeasureCapacityOutcome | undefined> {
  // A storage account's (or table's) node: measured from its hour blobs instead.
  const storage = storageTailRefOf(args[0]);
  if (storage) {
    await measureStorageCapacityCommand(services, storage);
    return undefined;
  }
  const target = await services.hubs.resolveTarget(args[0]);
  const duration = await services.input.showQuickPick(DURATIONS, {
    title: `Measure Capacity: ${target.label}`,
    placeHolder: 'How long should the hub be measured?',
  });
  const { maxBatchSize } = settings().tail;

  services.log.info(`Measuring capacity of ${target.label} for ${duration.label}`);
  const result = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: `Measuring ${target.label}`, cancellable: true },
    async (progress, token) => {
      const controller = new AbortController();
      const subscription = token.onCancellationRequested(() => controller.abort());
      let reported = 0;
      try {
        return await measureHub(target, {
          durationMs: duration.ms,
          signal: controller.signal,
          maxBatchSize,
          onProgress: (p) => {
            const percent = p.phase === 'measuring' ? Math.min(100, (p.elapsedMs / p.durationMs) * 100) : 0;
            const message =
              p.phase === 'connecting'
                ? 'connecting…'
                : `${Math.round(p.elapsedMs / 1000)} of ${Math.round(p.durationMs / 1000)} s: ${p.records.toLocaleString('en-US')} records`;
            progress.report({ message, increment: percent - reported });
            reported = percent;
          },
        });
      } catch (error) {
        if (controller.signal.aborted) return undefined;
        throw error;
      } finally {
        subscription.dispose();
      }
    },
  );
  if (!result || result.seconds < 1) {
    services.log.info('Capacity measurement cancelled before anything was measured');
    return undefined;
  }

  const extra =
    result.malformedBytes > 0
      ? { bytesPerSecond: result.malformedBytes / result.seconds, eventsPerSecond: result.malformedEvents / result.seconds }
      : undefined;
  const plan = planCapacity(result.tables, undefined, extra);
  state.set({ result, plan });
  const measuredQuery = renderText(measuredTemplate({ result, plan }, undefined));
  const report = capacityReport({
    hubLabel: result.hubLabel,
    measurement: result,
    plan,
    cancelled: result.cancelled,
    startedAt: result.startedAt,
    measuredQuery,
  });
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: report });
  await vscode.window.showTextDocument(document, { preview: false });
  await vscode.commands.executeCommand('markdown.showPreview', document.uri);
  services.log.info(
    `Capacity of ${result.hubLabel}: ${result.records} records from ${result.tables.length} tables in ${result.seconds.toFixed(1)} s`,
  );

  void showInfo(
    `Measured ${result.tables.length} table${result.tables.length === 1 ? '' : 's'} on ${result.hubLabel}: ${plan.singleHub.sizing.throughputUnits} throughput unit${plan.singleHub.sizing.throughputUnits === 1 ? '' : 's'} for a single hub.`,
    INSERT_MEASURED,
  ).then((choice) => {
    if (choice === INSERT_MEASURED) void vscode.commands.executeCommand('defenderStream.insertCapacityQuery', { useMeasurement: true });
  });
  return { result, report, reportUri: document.uri.toString() };
}
