import type { HubInfo, PartitionInfo } from '../../hubs/properties';
import { retainedEvents } from '../../hubs/properties';

/** Text of tree items (pure, so the wording is the same everywhere). */

export function formatTime(date: Date | undefined): string {
  if (!date) return '-';
  return date
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
}

/** A hub row's description: the hub name first when the label is a per-table hub's table, then partitions and events. */
export function hubDescription(info: HubInfo | undefined, hubName: string | undefined): string {
  const parts: string[] = [];
  if (hubName) parts.push(hubName);
  if (info) {
    parts.push(`${info.partitionIds.length} partition${info.partitionIds.length === 1 ? '' : 's'}`);
    if (info.partitions.length > 0)
      parts.push(`${info.partitions.reduce((n, p) => n + retainedEvents(p), 0).toLocaleString('en-US')} events`);
  }
  return parts.join(' · ');
}

export function hubTooltip(
  hubName: string,
  host: string,
  consumerGroup: string,
  info: HubInfo | undefined,
  table: string | undefined,
): string {
  const lines = [`Event hub: ${hubName}`, `Namespace: ${host}`, `Consumer group: ${consumerGroup}`];
  if (table) lines.push(`Table: ${table}`);
  if (info) {
    lines.push(`Partitions: ${info.partitionIds.length}`);
    lines.push(`Created: ${formatTime(info.createdOn)}`);
  }
  return lines.join('\n');
}

export function partitionLabel(p: PartitionInfo): string {
  return `Partition ${p.partitionId}`;
}

export function partitionDescription(p: PartitionInfo): string {
  if (p.isEmpty || p.lastEnqueuedSequenceNumber < 0) return `empty · begin seq ${p.beginningSequenceNumber}`;
  return `seq ${p.beginningSequenceNumber}–${p.lastEnqueuedSequenceNumber} · last ${formatTime(p.lastEnqueuedOnUtc)}`;
}

export function partitionTooltip(p: PartitionInfo): string {
  return [
    `Partition ${p.partitionId}`,
    `Begin sequence number: ${p.beginningSequenceNumber}`,
    `Last sequence number: ${p.lastEnqueuedSequenceNumber}`,
    `Last offset: ${p.lastEnqueuedOffset}`,
    `Last enqueued: ${formatTime(p.lastEnqueuedOnUtc)}`,
    `Empty: ${p.isEmpty ? 'yes' : 'no'}`,
    `Retained events: ${retainedEvents(p)}`,
  ].join('\n');
}

const SHORT_PROBLEM: Record<string, string> = {
  wrongKey: 'key rejected',
  unknownKeyName: 'unknown policy',
  missingRights: 'no Listen right',
  entraDenied: 'access denied',
  entraCredential: 'not signed in',
  unknownHub: 'hub not found',
  unknownConsumerGroup: 'consumer group not found',
  hostNotFound: 'host not found',
  connectionRefused: 'connection refused',
  timeout: 'no answer',
  configuration: 'not configured',
};

/** A few words for a hub's description when it failed; the full message is its child item. */
export function shortProblem(code: string): string {
  return SHORT_PROBLEM[code] ?? 'error';
}
