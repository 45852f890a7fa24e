import { planCapacity, type CapacityPlan } from '../capacity/capacityPlan';
import type { TableMeasurement } from '../capacity/capacityMath';
import { formatNumber, mdCode, mdTable, mdText } from '../core/text/markdown';
import { capacityTemplate, DEFAULT_LOOKBACK, DEFAULT_RECORD_BYTES } from '../kql/capacityQuery';
import { renderText } from '../kql/snippet';
import { badResponseError } from './huntingErrors';
import type { HuntingResult } from './runHuntingQuery';

export interface TenantCapacityOptions {
  /** Assumed average record size in bytes (the query's `bytes_`). */
  readonly bytes?: number;
  /** Kusto timespan of the look-back (the query's `ago(...)`). */
  readonly lookback?: string;
  readonly tables?: readonly string[];
}

/** Microsoft's published capacity query, as sent to Advanced Hunting. */
export function tenantCapacityQuery(options: TenantCapacityOptions = {}): string {
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
 * Event Hubs event (an upper bound on events/s: Defender batches records into messages) of `bytes` bytes.
 */
export function planFromTenant(rates: readonly TenantRate[], bytes = DEFAULT_RECORD_BYTES): CapacityPlan {
  const measurements: TableMeasurement[] = rates.map((r) => ({
    table: r.table,
    records: r.eventsPerSecond,
    events: r.eventsPerSecond,
    bytes: r.eventsPerSecond * bytes,
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
  const lookback = input.options.lookback ?? DEFAULT_LOOKBACK;
  const lines = [
    '# Capacity estimate from Advanced Hunting',
    '',
    `**From the tenant** (Advanced Hunting through Microsoft Graph, ${mdText(input.host)}): events per second per table, averaged over one-minute bins since the start of the day ${mdText(lookback)} ago.`,
    '',
    `**Assumed**: every record is ${formatNumber(bytes, 0)} bytes (the query's \`bytes_\`; Measure Capacity measures real sizes on a hub), and every record is its own Event Hubs event (Defender batches records into messages, so events/s is an upper bound). Standard tier, ${Math.round((plan.options.headroom - 1) * 100)}% headroom.`,
    '',
  ];
  if (input.rates.length === 0) lines.push('**Advanced Hunting returned no rows**: no events in the look-back, or no table matched.', '');
  lines.push(
    mdTable(
      ['Table', 'Events/s (tenant)', 'MB/s (assumed size)'],
      plan.tables.map((t) => [mdCode(t.table), formatNumber(t.eventsPerSecond, 2), formatNumber(t.mbPerSecond, 4)]),
      ['l', 'r', 'r'],
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
