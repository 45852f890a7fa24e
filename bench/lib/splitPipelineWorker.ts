/**
 * The second thread of the `tailSplit` benchmark (bench/benchmarks/tailSplit.ts, `splitRound`): the tail's
 * pipeline (src/tail/pipeline.ts: scan, count, filter, ring buffer) runs here, fed by a receiving thread that
 * only copies each batch's bodies into one buffer and moves it here. Its running totals are in the shared
 * memory the receiving thread reads (`LIVE_COUNTERS`); entries are taken after every batch, as a session's
 * listener would.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { TailPipeline, type PipelineEvent } from '../../src/tail/pipeline';

/** One batch as the receiving thread posts it: bodies back to back, and per event [sequence number, enqueued ms, start, end]. */
export interface SplitBatch {
  readonly partitionId: string;
  readonly bytes: ArrayBuffer;
  readonly meta: Float64Array;
  readonly events: number;
}

export const SPLIT_META_SLOTS = 4;

export interface SplitWorkerData {
  readonly live: SharedArrayBuffer;
  readonly tables: readonly string[];
  readonly bufferSize: number;
}

const port = parentPort;
const data = workerData as SplitWorkerData | undefined;
// Only as the split round's worker (importing this file elsewhere, e.g. for SPLIT_META_SLOTS, starts nothing).
if (port && data?.live instanceof SharedArrayBuffer) {
  const pipeline = new TailPipeline({
    filter: { tables: [...data.tables] },
    bufferSize: data.bufferSize,
    liveCounters: new Float64Array(data.live),
  });
  let shown = 0;
  port.on('message', (batch: SplitBatch | 'shown') => {
    if (batch === 'shown') {
      port.postMessage(shown);
      return;
    }
    const bytes = new Uint8Array(batch.bytes);
    const meta = batch.meta;
    const events: PipelineEvent[] = new Array<PipelineEvent>(batch.events);
    for (let i = 0, o = 0; i < batch.events; i++, o += SPLIT_META_SLOTS)
      events[i] = { body: bytes.subarray(meta[o + 2], meta[o + 3]), sequenceNumber: meta[o], enqueuedTimeUtc: new Date(meta[o + 1]) };
    pipeline.ingest(batch.partitionId, events);
    shown += pipeline.takePending().length;
  });
  port.postMessage('ready');
}
