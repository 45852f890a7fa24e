import { STANDARD_TIER } from './capacityLimits';
import type { ThroughputSizing } from './capacityMath';
import type { CapacityPlan } from './capacityPlan';
import { NO_TABLE, type CapacityMeasurement } from './capacityMeter';
import { getTable, streamStatusLabel } from '../core/catalog/schemaCatalog';
import { formatNumber, mdCode, mdTable, mdText } from '../core/text/markdown';

export interface ReportInput {
  /** The hub's label (no secret). */
  readonly hubLabel: string;
  readonly measurement: CapacityMeasurement;
  readonly plan: CapacityPlan;
  readonly cancelled?: boolean;
  /** When the measurement started (ISO text is derived from it). */
  readonly startedAt?: number;
  /** The measured-bytes capacity query (plain text), shown at the end. */
  readonly measuredQuery?: string;
}

function tus(sizing: ThroughputSizing): string {
  const base = `${sizing.throughputUnits}`;
  return sizing.exceedsStandard ? `${base} (needs ${formatNumber(sizing.required, 1)}: over the Standard limit)` : base;
}

function binding(sizing: ThroughputSizing): string {
  return sizing.binding === 'events' ? 'events/s' : 'MB/s';
}

/**
 * One line per measured table that Microsoft's streaming page does not list as streamed (GA): seen in
 * real streams, Advanced Hunting only, or not in the catalog at all.
 */
function streamStatusNotes(tables: readonly string[]): string[] {
  const notes: string[] = [];
  for (const name of tables) {
    if (name === NO_TABLE) continue;
    const status = getTable(name)?.streamStatus;
    if (status === 'streamed') continue;
    notes.push(`- ${mdCode(name)}: ${status ? streamStatusLabel(status) : 'not in the catalog of Advanced Hunting tables'}`);
  }
  if (notes.length === 0) return [];
  return ["Tables that Microsoft's list of streamed tables (2021) does not name:", '', ...notes, ''];
}

/** The measured-capacity report as Markdown. Every value that came from the stream is escaped. */
export function capacityReport(input: ReportInput): string {
  const { measurement: m, plan } = input;
  const lines: string[] = [];
  const pct = Math.round((plan.options.headroom - 1) * 100);
  lines.push(`# Measured capacity: ${mdText(input.hubLabel)}`, '');
  const when = input.startedAt ? ` from ${new Date(input.startedAt).toISOString()}` : '';
  lines.push(
    `Measured for ${formatNumber(m.seconds, 1)} s${when}${input.cancelled ? ' (stopped early)' : ''}: ` +
      `${formatNumber(m.events, 0)} events, ${formatNumber(m.records, 0)} records, ${formatNumber(m.bytes / 1024, 1)} KiB.`,
    '',
  );
  if (m.records === 0) {
    lines.push('**No records arrived during the measurement.** Is Defender streaming to this hub right now? Try a longer duration.', '');
  }
  if (m.malformedEvents > 0)
    lines.push(
      `${formatNumber(m.malformedEvents, 0)} events could not be read as Defender records; their bytes count toward the single-hub load only.`,
      '',
    );

  lines.push('## Per table', '');
  const perTablePartitions = new Map(plan.perTable.partitions.map((p) => [p.table, p]));
  lines.push(
    mdTable(
      ['Table', 'Records/s', 'Events/s', 'MB/s', 'Avg record (bytes)', 'TUs (own hub)', 'Partitions (own hub)'],
      plan.tables.map((t) => {
        const p = perTablePartitions.get(t.table);
        return [
          mdCode(t.table),
          formatNumber(t.recordsPerSecond),
          formatNumber(t.eventsPerSecond),
          formatNumber(t.mbPerSecond, 4),
          formatNumber(t.avgRecordBytes, 0),
          p ? tus(p.sizing) : '–',
          p ? String(p.partitions) : '–',
        ];
      }),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
  );
  lines.push(...streamStatusNotes(plan.tables.map((t) => t.table)));

  const single = plan.singleHub;
  lines.push('## Single-hub mode', '');
  lines.push(
    `All tables into one event hub: ${formatNumber(single.load.eventsPerSecond)} events/s, ${formatNumber(single.load.bytesPerSecond / STANDARD_TIER.ingressBytesPerSecondPerTU, 4)} MB/s.`,
    '',
    `- Throughput units: **${tus(single.sizing)}** (bound by ${binding(single.sizing)}, with ${pct} % headroom)`,
    `- Partitions: **${single.partitions}**`,
    '',
  );
  if (single.sizing.exceedsStandard)
    lines.push(
      `One Standard namespace provides at most ${STANDARD_TIER.maxThroughputUnits} throughput units: consider the Premium or Dedicated tier, or per-table mode over several namespaces.`,
      '',
    );

  const perTable = plan.perTable;
  lines.push('## Per-table mode', '');
  lines.push(
    `One event hub per table (\`insights-logs-advancedhunting-<table>\`), at most ${STANDARD_TIER.maxHubsPerNamespace} event hubs per Standard namespace: ` +
      `**${perTable.namespaces.length} namespace${perTable.namespaces.length === 1 ? '' : 's'}** for the ${plan.tables.length} measured table${plan.tables.length === 1 ? '' : 's'}.`,
    '',
  );
  if (perTable.namespaces.length > 0) {
    lines.push(
      mdTable(
        ['Namespace', 'Tables', 'Events/s', 'MB/s', 'TUs'],
        perTable.namespaces.map((ns, i) => [
          String(i + 1),
          ns.tables.map((t) => mdCode(t)).join(', '),
          formatNumber(ns.load.eventsPerSecond),
          formatNumber(ns.load.bytesPerSecond / STANDARD_TIER.ingressBytesPerSecondPerTU, 4),
          tus(ns.sizing),
        ]),
        ['r', 'l', 'r', 'r', 'r'],
      ),
      '',
    );
  }

  lines.push('## How these numbers are computed', '');
  lines.push(
    `- One throughput unit (Standard tier) takes 1 MB/s (1,048,576 bytes) or 1,000 events/s of ingress, whichever is reached first; the measured load is multiplied by ${formatNumber(plan.options.headroom)} for headroom, rounded up, at least 1 and at most ${STANDARD_TIER.maxThroughputUnits} per namespace.`,
    `- Partitions: at least as many as the hub needs throughput units (a partition takes about one unit of ingress), at least ${plan.options.minPartitions} for a single hub (the count cannot be changed later on the Standard tier) and ${plan.options.minPartitionsPerTableHub} for a per-table hub, at most ${STANDARD_TIER.maxPartitions}.`,
    '- Bytes are message body bytes; a message shared by several tables is split between them by record count. Event Hubs also counts a small per-event overhead.',
    '- A short measurement sees the current rate, not the daily peak: compare with the capacity estimation query over several hours, and enable auto-inflate.',
    '- Tables that sent nothing during the measurement are not listed.',
    '',
  );
  if (input.measuredQuery) {
    lines.push('## Capacity estimation query with the measured record sizes', '', '```kusto', input.measuredQuery, '```', '');
  }
  return lines.join('\n');
}
