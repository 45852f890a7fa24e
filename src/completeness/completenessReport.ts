import { formatNumber, mdCode, mdTable, mdText } from '../core/text/markdown';
import { completenessTotals, type CountComparison } from './compareCounts';
import { windowLabel, type CompletenessWindow } from './completenessWindow';
import type { StreamedCounts } from './windowCounter';

export interface CompletenessReportInput {
  readonly hubLabel: string;
  readonly graphHost: string;
  readonly window: CompletenessWindow;
  readonly marginMs: number;
  readonly rows: readonly CountComparison[];
  readonly streamed: StreamedCounts;
  readonly query: string;
  readonly skippedTables: readonly string[];
  /** Set when reading the hub was cut short (cancelled): its counts are partial. */
  readonly partial?: boolean;
}

const count = (n: number | undefined): string => (n === undefined ? '–' : n.toLocaleString('en-US'));
const signed = (n: number): string => (n > 0 ? `+${count(n)}` : count(n));

function percentText(row: CountComparison): string {
  if (row.percent === undefined) return '–';
  return `${row.percent > 0 ? '+' : ''}${formatNumber(row.percent, 1)} %`;
}

function sideText(row: CountComparison): string {
  if (row.side === 'both') return row.difference === 0 ? 'equal' : row.difference < 0 ? 'fewer on the hub' : 'more on the hub';
  if (row.side === 'streamOnly') return 'hub only';
  return row.streamStatus === 'huntingOnly' ? 'Advanced Hunting only (not streamed)' : 'Advanced Hunting only';
}

/** The completeness report: per table both counts, the difference, and what a difference can mean. */
export function completenessReport(input: CompletenessReportInput): string {
  const { rows, streamed, window } = input;
  const totals = completenessTotals(rows);
  const out: string[] = [];
  out.push(`# Stream completeness: ${mdText(input.hubLabel)}`, '');
  out.push(`Window: **${windowLabel(window)}** (records whose time falls in [start, end)).`, '');
  out.push(
    `- Advanced Hunting (${mdText(input.graphHost)}): ${count(totals.hunting)} records by \`Timestamp\`.`,
    `- The hub: ${count(totals.streamed)} records by their \`time\`, read by enqueued time from ${Math.round(input.marginMs / 60_000)} minutes before the window to ${Math.round(input.marginMs / 60_000)} minutes after it; ${count(streamed.outside)} records read outside the window were not counted${streamed.withoutTime ? `, ${count(streamed.withoutTime)} without a readable time` : ''}${streamed.malformed ? `, ${count(streamed.malformed)} malformed messages` : ''}.`,
    `- ${totals.matching} of ${rows.filter((r) => r.side === 'both').length} tables on both sides have equal counts.`,
  );
  if (input.partial) out.push('- **Reading the hub was cancelled: its counts are partial.**');
  out.push('');
  if (rows.length === 0) out.push('Neither side has records in this window.', '');
  else
    out.push(
      mdTable(
        ['Table', 'Advanced Hunting', 'Hub', 'Difference', '%', ''],
        rows.map((r) => [mdCode(r.table), count(r.hunting), count(r.streamed), signed(r.difference), percentText(r), sideText(r)]),
        ['l', 'r', 'r', 'r', 'r', 'l'],
      ),
      '',
    );
  out.push('## What a difference can mean', '');
  out.push(
    '- **Advanced Hunting only**: the table is not selected in the streaming API settings (Defender portal, Settings → Microsoft Defender XDR → Streaming API), it does not reach Event Hubs at all (tables marked *not streamed*), or in per-table mode its records go to another hub than this one.',
    '- **Fewer on the hub**: records still on their way (streaming delivers with delays of minutes; check again later or choose an older window), events the hub no longer holds (its retention, 1 to 7 days on Standard), throttling or a full namespace (throughput units) dropping events, or another consumer or stream writing to a different hub.',
    '- **More on the hub**: a record sent twice (delivery is at least once), two streaming configurations writing to the same hub, or records Advanced Hunting no longer holds (30 days).',
    '- **Hub only**: a table that Advanced Hunting names differently or the query did not count, or records of another tenant or source written to the same hub.',
    '- Small differences near the window edges come from records whose `time` and `Timestamp` differ, or that were enqueued later than the margin allows.',
    '',
  );
  if (input.skippedTables.length > 0)
    out.push(
      `Not counted in Advanced Hunting (no \`Timestamp\` column in the catalog): ${input.skippedTables.map((t) => mdCode(t)).join(', ')}.`,
      '',
    );
  out.push('## Query', '', '```kusto', input.query, '```', '');
  return out.join('\n');
}
