/**
 * memory: heap growth after 1,000,000 Defender records streamed through a real tail session (local hub
 * over AMQP, 20 records per message, a 10,000-entry ring buffer and a listener like the panel's).
 * Heap is read after a forced GC before the stream and after it. The hub runs in a child process and is
 * fed in chunks as the session catches up, so its store stays bounded and nothing is dropped unread.
 * Target: growth ≤ 100 MB.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { stopChild } from '../lib/childProcess';

const HUB = 'bench-memory';
const PARTITIONS = 4;
const RECORDS_PER_MESSAGE = 20;
const CHUNK_MESSAGES = 2_000;

export interface MemoryBenchOptions {
  /** Records streamed (default 1,000,000). */
  readonly records?: number;
  readonly bufferSize?: number;
}

function forceGc(): void {
  v8.setFlagsFromString('--expose_gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  gc();
}

/** Child: a local hub that appends CHUNK_MESSAGES pre-generated messages every time it reads a line. */
async function serveHub(): Promise<void> {
  const { startLocalHub } = await import('../../src/localHub/index');
  const { DefenderTrafficGenerator } = await import('../../src/traffic/index');
  const hub = await startLocalHub({ hubs: [{ name: HUB, partitionCount: PARTITIONS }], maxEventsPerPartition: CHUNK_MESSAGES * 2 });
  const generator = new DefenderTrafficGenerator({ seed: 'bench-memory', recordsPerMessage: RECORDS_PER_MESSAGE });
  const pool = Array.from({ length: 500 }, () => Buffer.from(generator.message(undefined, RECORDS_PER_MESSAGE).body));
  let next = 0;
  process.stdout.write(`${JSON.stringify({ connectionString: hub.connectionStringFor(HUB), port: hub.port })}\n`);
  const lines = createInterface({ input: process.stdin });
  lines.on('line', () => {
    for (let p = 0; p < PARTITIONS; p++) {
      const batch = [];
      for (let i = 0; i < CHUNK_MESSAGES / PARTITIONS; i++) batch.push({ body: pool[next++ % pool.length] });
      hub.append(HUB, batch, String(p));
    }
    process.stdout.write('appended\n');
  });
  lines.on('close', () => void hub.stop().then(() => process.exit(0)));
}

export const smokeOptions: MemoryBenchOptions = { records: 40_000 };

export async function run(options: MemoryBenchOptions = {}) {
  const total = options.records ?? 1_000_000;
  const bufferSize = options.bufferSize ?? 10_000;
  const file = fileURLToPath(import.meta.url);
  const root = path.resolve(path.dirname(file), '..', '..');
  const child = spawn(process.execPath, ['--import', 'tsx', file, '--serve-hub'], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const queue: string[] = [];
  let wake: (() => void) | undefined;
  lines.on('line', (line) => {
    queue.push(line);
    wake?.();
  });
  const nextLine = async (): Promise<string> => {
    while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
    return queue.shift()!;
  };
  const ready = JSON.parse(await nextLine()) as { connectionString: string; port: number };
  const { createTailSession } = await import('../../src/tail/session');
  const session = createTailSession(
    {
      configId: 'bench',
      label: 'bench',
      namespaceHost: `127.0.0.1:${ready.port}`,
      hubName: HUB,
      consumerGroup: '$Default',
      auth: { kind: 'connectionString', connectionString: ready.connectionString },
    },
    { start: { kind: 'earliest' }, bufferSize, maxBatchSize: 300 },
  );
  let shown = 0;
  session.onEntries((entries) => (shown += entries.length));
  try {
    forceGc();
    const before = process.memoryUsage().heapUsed;
    // Kept records hold their bytes outside the heap (src/tail/byteArena.ts): count those too.
    const buffersBefore = process.memoryUsage().arrayBuffers;
    let peak = before;
    const messages = Math.ceil(total / RECORDS_PER_MESSAGE);
    let appended = 0;
    const t0 = Date.now();
    while (session.stats().receivedEvents < messages) {
      if (appended - session.stats().receivedEvents < CHUNK_MESSAGES && appended < messages) {
        child.stdin!.write('more\n');
        await nextLine();
        appended += CHUNK_MESSAGES;
      }
      peak = Math.max(peak, process.memoryUsage().heapUsed);
      if (session.state.kind === 'failed') throw new Error('The tail session failed.');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const seconds = (Date.now() - t0) / 1000;
    forceGc();
    const after = process.memoryUsage().heapUsed;
    const buffersGrowth = (process.memoryUsage().arrayBuffers - buffersBefore) / (1024 * 1024);
    const stats = session.stats();
    const growth = (after - before) / (1024 * 1024);
    return {
      heapGrowthMB: Number(growth.toFixed(1)),
      value: Number(growth.toFixed(1)),
      unit: 'MB heap growth',
      heapBeforeMB: Number((before / 1048576).toFixed(1)),
      heapAfterMB: Number((after / 1048576).toFixed(1)),
      peakHeapMB: Number((peak / 1048576).toFixed(1)),
      arrayBufferGrowthMB: Number(buffersGrowth.toFixed(1)),
      heapAndBuffersGrowthMB: Number((growth + buffersGrowth).toFixed(1)),
      records: stats.receivedRecords,
      shown,
      bufferSize,
      seconds: Number(seconds.toFixed(1)),
      target: '≤ 100 MB',
      summary: `${growth.toFixed(1)} MB heap growth (+ ${buffersGrowth.toFixed(1)} MB of buffers outside the heap) after ${stats.receivedRecords.toLocaleString('en-US')} records (peak heap ${(peak / 1048576).toFixed(0)} MB, buffer ${bufferSize.toLocaleString('en-US')})`,
    };
  } finally {
    await session.stop();
    await stopChild(child);
  }
}

if (process.argv.includes('--serve-hub')) void serveHub();
