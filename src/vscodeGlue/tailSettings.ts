import * as vscode from 'vscode';
import { bufferBytesFromMegabytes } from '../tail/pipeline';

/** The `defenderStream.tail.*` settings, clamped to their documented ranges (the panel and Tail to Editor share them). */
export interface TailSettings {
  readonly bufferSize: number;
  /** `tail.bufferMegabytes`, in bytes. */
  readonly bufferBytes: number;
  readonly maxBatchSize: number;
  /** `latest`, `earliest`, `last15Minutes`, `lastHour` or `ask`. */
  readonly startSetting: string;
  /** `tail.reconnectTimeout`, in milliseconds. */
  readonly failAfterMs: number;
}

export function tailSettings(): TailSettings {
  const config = vscode.workspace.getConfiguration('defenderStream');
  return {
    bufferSize: clampInt(config.get<number>('tail.bufferSize'), 10_000, 100, 1_000_000),
    bufferBytes: bufferBytesFromMegabytes(config.get<number>('tail.bufferMegabytes')),
    maxBatchSize: clampInt(config.get<number>('tail.maxBatchSize'), 300, 1, 5000),
    startSetting: config.get<string>('tail.startPosition') ?? 'latest',
    failAfterMs: clampInt(config.get<number>('tail.reconnectTimeout'), 60, 5, 3600) * 1000,
  };
}

function clampInt(value: number | undefined, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.round(value))) : fallback;
}
