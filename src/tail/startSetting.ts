import type { StartPosition } from './types';

/** Values of the `defenderStream.tail.startPosition` setting. */
export type StartSetting = 'latest' | 'earliest' | 'last15Minutes' | 'lastHour' | 'ask';

export const START_CHOICES: ReadonlyArray<{
  readonly setting: Exclude<StartSetting, 'ask'>;
  readonly label: string;
  readonly detail: string;
}> = [
  { setting: 'latest', label: 'Latest', detail: 'Only events that arrive from now on' },
  { setting: 'last15Minutes', label: 'Last 15 minutes', detail: 'Events enqueued in the last 15 minutes' },
  { setting: 'lastHour', label: 'Last hour', detail: 'Events enqueued in the last hour' },
  { setting: 'earliest', label: 'Earliest', detail: 'Everything still retained in the hub' },
];

/**
 * A Storage tail's extra choice (not a setting value): the current hour's blob from its start. A hub has no
 * hours, so only the Storage tails offer it (see `pickStartPosition`).
 */
export const CURRENT_HOUR_CHOICE = {
  setting: 'currentHour',
  label: 'Start of the current hour',
  detail: "Every line of the current hour's blob, then what is appended",
} as const;

/** The start of the hour (UTC) that `now` falls in, as a start position. */
export function startOfCurrentHour(now = Date.now()): StartPosition {
  return { kind: 'time', enqueuedAfter: new Date(Math.floor(now / 3_600_000) * 3_600_000) };
}

/** The start position a setting value (or `CURRENT_HOUR_CHOICE`) means (anything unknown, and "ask", fall back to latest). */
export function startPositionFromSetting(setting: string | undefined, now = Date.now()): StartPosition {
  switch (setting) {
    case CURRENT_HOUR_CHOICE.setting:
      return startOfCurrentHour(now);
    case 'earliest':
      return { kind: 'earliest' };
    case 'last15Minutes':
      return { kind: 'time', enqueuedAfter: new Date(now - 15 * 60_000) };
    case 'lastHour':
      return { kind: 'time', enqueuedAfter: new Date(now - 60 * 60_000) };
    default:
      return { kind: 'latest' };
  }
}

/** A short label of a start position, e.g. "from latest", "from 10:15:00". */
export function describeStart(start: StartPosition): string {
  switch (start.kind) {
    case 'latest':
      return 'from latest';
    case 'earliest':
      return 'from earliest';
    case 'time':
      return `from ${start.enqueuedAfter.toISOString()}`;
    case 'sequence': {
      const listed = `from sequence numbers ${Object.entries(start.sequenceNumbers)
        .map(([p, n]) => `${p}:${n}`)
        .join(', ')}`;
      return start.others ? `${listed} (other partitions ${describeStart(start.others)})` : listed;
    }
    case 'offset':
      return `from offsets ${Object.entries(start.offsets)
        .map(([p, o]) => `${p}:${o}`)
        .join(', ')}`;
  }
}
