import * as vscode from 'vscode';
import { queryBlocks } from '../../graph/queryBlocks';
import type { MeasurementState } from '../kql/measurementState';
import type { Services } from '../services';
import { registerCommand } from '../support/commands';
import { checkCompletenessCommand } from './checkCompletenessCommand';
import { estimateCapacityCommand } from './estimateCapacityCommand';
import { fetchTenantSchemaCommand } from './fetchTenantSchemaCommand';
import { HUNTING_LANGUAGES, runHuntingQueryCommand } from './runHuntingQueryCommand';

/** "Run in Advanced Hunting" above each query of a KQL document. */
class HuntingCodeLenses implements vscode.CodeLensProvider {
  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    if (document.lineCount > 20_000) return [];
    return queryBlocks(document.getText().split(/\r?\n/), 500).map(
      (block) =>
        new vscode.CodeLens(new vscode.Range(block.start, 0, block.start, 0), {
          title: 'Run in Advanced Hunting',
          command: 'defenderStream.runHuntingQuery',
          arguments: [document.uri, block.start],
        }),
    );
  }
}

/** Advanced Hunting through Microsoft Graph: Run Query (command and CodeLens), Fetch Tenant Schema, Estimate Capacity, Check Stream Completeness. */
export function registerHunting(services: Services, measurements: MeasurementState): void {
  const { context, log } = services;
  registerCommand(context, log, 'defenderStream.runHuntingQuery', (uri?: unknown, line?: unknown) =>
    runHuntingQueryCommand(services, uri, line),
  );
  registerCommand(context, log, 'defenderStream.fetchTenantSchema', (...args: unknown[]) => fetchTenantSchemaCommand(services, ...args));
  registerCommand(context, log, 'defenderStream.estimateCapacityFromHunting', (...args: unknown[]) =>
    estimateCapacityCommand(services, measurements, ...args),
  );
  registerCommand(context, log, 'defenderStream.checkCompleteness', (...args: unknown[]) => checkCompletenessCommand(services, ...args));
  context.subscriptions.push(
    vscode.languages.registerCodeLensProvider(
      HUNTING_LANGUAGES.map((language) => ({ language })),
      new HuntingCodeLenses(),
    ),
  );
}
