import { planCapacity, type CapacityPlan } from '../capacity/capacityPlan';
import type { TableMeasurement } from '../capacity/capacityMath';
import { formatNumber, mdCode, mdTable, mdText } from '../core/text/markdown';
import { capacityTemplate, DEFAULT_LOOKBACK, DEFAULT_RECORD_BYTES } from '../kql/capacityQuery';
import { measuredCapacityTemplate, measuredRows } from '../kql/measuredQuery';
import { renderText } from '../kql/snippet';
import { badResponseError } from './huntingErrors';
import type { HuntingResult } from './runHuntingQuery';

export interface TenantCapacityOptions {
  /** Assumed average record size in bytes (the query's `bytes_`). */
  readonly bytes?: number;
  /** Kusto timespan of the look-back (the query's `ago(...)`). */
  readonly lookback?: string;
  readonly tables?: readonly string[];
  /** Average record sizes per table from Measure Capacity: the query and the plan use them instead of `bytes`. */
  readonly measured?: readonly { readonly table: string; readonly avgRecordBytes: number }[];
  /** Where the sizes were measured (the hub's label), for the report. */
  readonly measuredOn?: string;
}

/** The measured record size per table (plain table names, rounded up), as the query's datatable holds them. */
export function measuredSizes(options: TenantCapacityOptions): Map<string, number> {
  return new Map(measuredRows(options.measured ?? []).map((r) => [r.table, r.bytes]));
}

/** Microsoft's published capacity query, as sent to Advanced Hunting. */
export function tenantCapacityQuery(options: TenantCapacityOptions = {}): string {
  if (measuredSizes(options).size > 0)
    return renderText(
      measuredCapacityTemplate({
        measured: options.measured ?? [],
        tables: options.tables,
        lookback: options.lookback,
        defaultBytes: options.bytes,
      }),
    );
  return renderText(capacityTemplate(options));
}

export interface TenantRate {
  readonly table: string;
  /** Average records per second over one-minute bins: from the tenant. */
  readonly eventsPerSecond: number;
}

function numberCell(row: Record<string, unknown>, names: readonly string[]): number | undefined {
  for (const name of names) {
    const value = row[name];
    const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
    if (Number.isFinite(n) && n >= 0) return n;
  }
  return undefined;
}

/** The per-table rates of the capacity query's answer (`MDTables`, `avg_EPS`). */
export function tenantRates(result: HuntingResult): TenantRate[] {
  const rates: TenantRate[] = [];
  for (const row of result.results) {
    const table = row.MDTables;
    const eps = numberCell(row, ['avg_EPS', 'avg_EPS_']);
    if (typeof table !== 'string' || eps === undefined) throw badResponseError('a row without MDTables and avg_EPS');
    rates.push({ table, eventsPerSecond: eps });
  }
  return rates;
}

/**
 * The capacity plan from the tenant's rates: one second of traffic per table, each record its own
 * Event Hubs event (an upper bound on events/s: Defender batches records into messages) of its measured
 * size when `measured` has the table, else `bytes` bytes.
 */
export function planFromTenant(
  rates: readonly TenantRate[],
  bytes = DEFAULT_RECORD_BYTES,
  measured: ReadonlyMap<string, number> = new Map(),
): CapacityPlan {
  const measurements: TableMeasurement[] = rates.map((r) => ({
    table: r.table,
    records: r.eventsPerSecond,
    events: r.eventsPerSecond,
    bytes: r.eventsPerSecond * (measured.get(r.table) ?? bytes),
    seconds: 1,
  }));
  return planCapacity(measurements);
}

/** The Markdown report, saying which numbers came from the tenant and which are assumptions. */
export function tenantCapacityReport(input: {
  rates: readonly TenantRate[];
  plan: CapacityPlan;
  options: TenantCapacityOptions;
  host: string;
  query: string;
}): string {
  const { plan } = input;
  const bytes = input.options.bytes ?? DEFAULT_RECORD_BYTES;
  const sizes = measuredSizes(input.options);
  const lookback = input.options.lookback ?? DEFAULT_LOOKBACK;
  const lines = [
    '# Capacity estimate from Advanced Hunting',
    '',
    `**From the tenant** (Advanced Hunting through Microsoft Graph, ${mdText(input.host)}): events per second per table, averaged over one-minute bins since the start of the day ${mdText(lookback)} ago.`,
    '',
    sizes.size > 0
      ? `**Measured** (Measure Capacity on ${mdText(input.options.measuredOn ?? 'a hub')}): the average record size of ${sizes.size} table(s), marked *measured* below. **Assumed**: ${formatNumber(bytes, 0)} bytes per record for the other tables, and every record is its own Event Hubs event (Defender batches records into messages, so events/s is an upper bound). Standard tier, ${Math.round((plan.options.headroom - 1) * 100)}% headroom.`
      : `**Assumed**: every record is ${formatNumber(bytes, 0)} bytes (the query's \`bytes_\`; run Measure Capacity on a hub first to use measured sizes), and every record is its own Event Hubs event (Defender batches records into messages, so events/s is an upper bound). Standard tier, ${Math.round((plan.options.headroom - 1) * 100)}% headroom.`,
    '',
  ];
  if (input.rates.length === 0) lines.push('**Advanced Hunting returned no rows**: no events in the look-back, or no table matched.', '');
  lines.push(
    mdTable(
      ['Table', 'Events/s (tenant)', 'Bytes per record', 'MB/s'],
      plan.tables.map((t) => {
        const measuredBytes = sizes.get(t.table);
        const size = measuredBytes === undefined ? `${formatNumber(bytes, 0)} (assumed)` : `${formatNumber(measuredBytes, 0)} (measured)`;
        return [mdCode(t.table), formatNumber(t.eventsPerSecond, 2), size, formatNumber(t.mbPerSecond, 4)];
      }),
      ['l', 'r', 'r', 'r'],
    ),
    '',
    '## Single hub',
    '',
    `${formatNumber(plan.total.eventsPerSecond, 1)} events/s, ${formatNumber(plan.total.bytesPerSecond / (1024 * 1024), 3)} MB/s: ${plan.singleHub.sizing.throughputUnits} throughput unit(s)${plan.singleHub.sizing.exceedsStandard ? ' (over the Standard limit of 40)' : ''}, ${plan.singleHub.partitions} partitions.`,
    '',
    '## One hub per table',
    '',
    `${plan.perTable.namespaces.length} Standard namespace(s) (at most 10 event hubs each):`,
    '',
    mdTable(
      ['Namespace', 'Tables', 'Throughput units'],
      plan.perTable.namespaces.map((n, i) => [String(i + 1), n.tables.map((t) => mdCode(t)).join(', '), String(n.sizing.throughputUnits)]),
      ['r', 'l', 'r'],
    ),
    '',
    '## Query',
    '',
    '```kusto',
    input.query,
    '```',
    '',
  );
  return lines.join('\n');
}
