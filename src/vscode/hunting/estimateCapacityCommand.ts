import * as vscode from 'vscode';
import { measuredSizes, planFromTenant, tenantCapacityQuery, tenantCapacityReport, tenantRates } from '../../graph/tenantCapacity';
import { tablesFromArgument } from '../../kql/contextTables';
import type { MeasurementState } from '../kql/measurementState';
import type { Services } from '../services';
import { huntWithProgress } from './huntWithProgress';

const TITLE = 'Estimate Capacity from Advanced Hunting';

/**
 * Runs Microsoft's capacity query in Advanced Hunting and writes the capacity plan (throughput units,
 * partitions, namespaces for per-table mode) as Markdown, saying which numbers came from the tenant,
 * which from Measure Capacity's latest measurement (record sizes) and which are assumptions.
 */
export async function estimateCapacityCommand(services: Services, measurements: MeasurementState, ...args: unknown[]): Promise<void> {
  const lookback = await services.input.showQuickPick(
    [
      { label: '6h', description: 'since the start of the day 6 hours ago (the published query)' },
      { label: '1d', description: 'since the start of yesterday' },
      { label: '7d', description: 'since the start of the day a week ago' },
    ],
    { title: TITLE, placeHolder: 'How far back should Advanced Hunting count events?' },
  );
  const tables = tablesFromArgument(...args);
  const last = measurements.current;
  const options = {
    lookback: lookback.label,
    tables: tables.length > 0 ? tables : undefined,
    measured: last?.plan.tables,
    measuredOn: last?.result.hubLabel,
  };
  const query = tenantCapacityQuery(options);
  const { result, host } = await huntWithProgress({ services }, TITLE, async (session) => {
    session.report('counting events per table…');
    return { result: await session.run(query), host: session.host };
  });
  const rates = tenantRates(result);
  const sizes = measuredSizes(options);
  const plan = planFromTenant(rates, undefined, sizes);
  const content = tenantCapacityReport({ rates, plan, options, host, query });
  services.log.info(`${TITLE}: ${rates.length} tables from ${host}${sizes.size > 0 ? `, ${sizes.size} measured record sizes` : ''}.`);
  const document = await vscode.workspace.openTextDocument({ language: 'markdown', content });
  await vscode.window.showTextDocument(document, { preview: false });
}
