import type { StreamingSupport, StreamStatus } from './types';

/** ga → streamed; otherwise seen in real streams → seenInStreams; else huntingOnly. */
export function streamStatusOf(streaming: StreamingSupport, observedInStreams: boolean): StreamStatus {
  if (streaming === 'ga') return 'streamed';
  return observedInStreams ? 'seenInStreams' : 'huntingOnly';
}

const STATUS_LABELS: Readonly<Record<StreamStatus, string>> = {
  streamed: 'streamed (GA)',
  seenInStreams: 'seen in real streams',
  huntingOnly: 'Advanced Hunting only',
};

/** A short label for people: "streamed (GA)", "seen in real streams", "Advanced Hunting only". */
export function streamStatusLabel(status: StreamStatus): string {
  return STATUS_LABELS[status];
}

/** Sort rank: streamed tables first, then those seen in streams, then Advanced-Hunting-only ones. */
export function streamStatusRank(status: StreamStatus): number {
  return status === 'streamed' ? 0 : status === 'seenInStreams' ? 1 : 2;
}
