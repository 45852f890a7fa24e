import type * as vscode from 'vscode';
import { STREAMABLE_TABLES } from '../../core/catalog/schemaCatalog';
import { capacityTemplate } from '../../kql/capacityQuery';
import { tablesFromArgument } from '../../kql/contextTables';
import { measuredCapacityTemplate } from '../../kql/measuredQuery';
import type { QueryTemplate } from '../../kql/snippet';
import type { UserInput } from '../support/userInput';
import { insertQuery, type InsertedQuery } from './insertQuery';
import type { LastMeasurement, MeasurementState } from './measurementState';
import { pickTables } from '../support/pickers';

/** Pass `{ useMeasurement: true }` to insert the measured variant without a prompt (the report's offer). */
export interface CapacityQueryArgument {
  readonly useMeasurement?: boolean;
}

type Scope = 'all' | 'chosen' | 'measured' | 'measuredChosen';

interface ScopeItem extends vscode.QuickPickItem {
  readonly scope: Scope;
}

/**
 * `defenderStream.insertCapacityQuery`: Microsoft's capacity estimation query over every table or the
 * chosen ones, or its variant with the record sizes of the latest measurement.
 */
export async function insertCapacityQuery(
  input: UserInput,
  state: MeasurementState,
  args: readonly unknown[],
): Promise<InsertedQuery | undefined> {
  const last = state.current;
  const direct = args[0] as CapacityQueryArgument | undefined;
  if (direct?.useMeasurement && last) return insertQuery(measuredTemplate(last, undefined));

  const preselected = tablesFromArgument(...args);
  const items: ScopeItem[] = [
    {
      label: 'All tables',
      description: 'union withsource=MDTables*',
      detail: 'Assumes 500 bytes per record (a placeholder you can change).',
      scope: 'all',
    },
    {
      label: 'Chosen tables...',
      description: preselected.length > 0 ? preselected.join(', ') : undefined,
      detail: 'union withsource=MDTables <tables>',
      scope: 'chosen',
    },
  ];
  if (last) {
    const hub = last.result.hubLabel;
    items.push(
      {
        label: 'All tables, with measured record sizes',
        description: `${last.plan.tables.length} tables measured on ${hub}`,
        detail: 'Record sizes from the latest measurement, 500 bytes for tables not measured.',
        scope: 'measured',
      },
      { label: 'Chosen tables, with measured record sizes...', description: hub, scope: 'measuredChosen' },
    );
  }
  const choice = await input.showQuickPick(items, {
    title: 'Insert Capacity Estimation Query',
    placeHolder: 'Which tables should the query cover?',
  });
  let tables: string[] | undefined;
  if (choice.scope === 'chosen' || choice.scope === 'measuredChosen') {
    const defaults =
      preselected.length > 0 ? preselected : choice.scope === 'measuredChosen' && last ? last.plan.tables.map((t) => t.table) : [];
    // Only tables that reach Event Hubs need capacity.
    tables = await pickTables(input, { title: 'Capacity estimation: tables', preselected: defaults, tables: STREAMABLE_TABLES });
  }
  const template =
    (choice.scope === 'measured' || choice.scope === 'measuredChosen') && last
      ? measuredTemplate(last, tables)
      : capacityTemplate({ tables });
  return insertQuery(template);
}

export function measuredTemplate(last: LastMeasurement, tables: readonly string[] | undefined): QueryTemplate {
  return measuredCapacityTemplate({ measured: last.plan.tables, tables });
}
