/**
 * storageTail: records/s of a Storage tail (`StorageTailSession`, start earliest, the default 4 MiB ranged
 * reads) catching up on one hour blob of generated Defender records (DeviceProcessEvents, NDJSON as the
 * Storage export writes it) in Azurite (the real emulator, in a child process: test/support/azurite.ts).
 * Next to it, in the same run and the same rounds, the floor: one plain download of the same blob with the
 * SDK (`downloadToBuffer`), split into lines and each line `JSON.parse`d, since the tail parses every line
 * (its pipeline decodes each record to filter and show it). A round of the tail ends when its last record
 * has been emitted. Median and spread of several rounds after a warm-up round.
 *
 * Also what other extensions would feel: this thread's event-loop delay while the tail catches up
 * (`monitorEventLoopDelay`, 10 ms resolution, as in `hostLoop`: an idle thread reads about 10.2 ms), p99 and
 * max, median of the rounds, for both designs in the same rounds: the session on this thread, and the
 * session in a worker thread as the extension runs it (`createWorkerStorageTailSession`, the Live Tail's
 * `maxEmit`; its round ends when the worker has counted the last record).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { median, secondsSince, spread } from '../lib/stats';
import { threadCpuMicros } from '../lib/tailRounds';
import type { TailSession, TailStats } from '../../src/tail/types';

const TABLE = 'DeviceProcessEvents';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface StorageTailBenchOptions {
  /** Size of the hour blob in MB (default 32). */
  readonly megabytes?: number;
  /** Measured rounds (default 5) after one warm-up round. */
  readonly rounds?: number;
}

export const smokeOptions: StorageTailBenchOptions = { megabytes: 2, rounds: 2 };

export interface StorageTailBenchResult {
  /** Tail records/s (median). */
  readonly value: number;
  readonly unit: 'records/s';
  readonly spread: readonly number[];
  /** Floor records/s (median): download + split + JSON.parse. */
  readonly baseline: number;
  readonly baselineSpread: readonly number[];
  /** Download + split only (no parse), records/s (median). */
  readonly downloadSplitOnly: number;
  readonly ratio: number;
  readonly records: number;
  readonly blobBytes: number;
  readonly averageRecordBytes: number;
  readonly mbPerSecond: number;
  /** This thread's event-loop delay while the tail catches up, ms (median of the rounds' p99 and max). */
  readonly hostLoop: { readonly p99Ms: number; readonly maxMs: number };
  /** This thread's own CPU per record while the tail catches up, µs (median; /proc/thread-self/stat). */
  readonly hostThreadUsPerRecord: number;
  /** The same tail in a worker thread, as the extension runs it: records/s, ratio to the floor, this thread's delay. */
  readonly worker: {
    readonly value: number;
    readonly spread: readonly number[];
    readonly ratio: number;
    readonly hostLoop: { readonly p99Ms: number; readonly maxMs: number };
    readonly hostThreadUsPerRecord: number;
    /** From the start to the first record counted (the worker starting and loading its bundles), ms (median). */
    readonly firstRecordMs: number;
  };
  readonly summary: string;
  readonly target: string;
}

/** NDJSON of generated records of one table, about `bytes` long, and its line count. */
async function buildBlob(bytes: number): Promise<{ text: Buffer; records: number }> {
  const { DefenderTrafficGenerator } = await import('../../src/traffic/index');
  const { exportLinesOf } = await import('../../src/storage/exportLines');
  const generator = new DefenderTrafficGenerator({ seed: 'bench-storage-tail', tables: [TABLE] });
  const distinct: string[] = [];
  while (distinct.length < 5000) for (const l of exportLinesOf(generator.message(TABLE, 20).body)) distinct.push(l.line);
  const lines: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const line = distinct[i % distinct.length];
    lines.push(line);
    size += Buffer.byteLength(line);
  }
  return { text: Buffer.from(lines.join(''), 'utf8'), records: lines.length };
}

export async function run(options: StorageTailBenchOptions = {}): Promise<StorageTailBenchResult> {
  const megabytes = options.megabytes ?? 32;
  const rounds = options.rounds ?? 5;
  const { startAzurite } = await import('../../test/support/azurite');
  const { BlobServiceClient } = await import('@azure/storage-blob');
  const { parseStorageConnection } = await import('../../src/storage/account');
  const { containerOfTable, floorHour, hourBlobPath } = await import('../../src/storage/layout');
  const { createBlobStore } = await import('../../src/storage/sdkBlobStore');
  const { StorageTailSession } = await import('../../src/storage/storageTailSession');
  const { createWorkerStorageTailSession } = await import('../../src/tail/worker/workerTailSession');
  const { DEFAULT_MAX_PER_BATCH } = await import('../../src/liveTail/liveTailController');

  const build = spawnSync(process.execPath, ['esbuild.mjs'], { cwd: root, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`esbuild.mjs failed: ${build.stderr}`);
  const blob = await buildBlob(megabytes * 1024 * 1024);
  const azurite = await startAzurite();
  try {
    const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
    const container = service.getContainerClient(containerOfTable(TABLE));
    await container.createIfNotExists();
    const blobPath = hourBlobPath('11111111-2222-3333-4444-555555555555', floorHour(Date.now()));
    const append = container.getAppendBlobClient(blobPath);
    await append.createIfNotExists();
    const block = 4 * 1024 * 1024;
    for (let at = 0; at < blob.text.length; at += block) {
      const part = blob.text.subarray(at, Math.min(blob.text.length, at + block));
      await append.appendBlock(part, part.length);
    }
    const account = parseStorageConnection(azurite.connectionString);

    /** The floor: one download, split into lines, each parsed (or not); returns seconds. */
    const floorRound = async (parse: boolean): Promise<number> => {
      const start = process.hrtime.bigint();
      const bytes = await container.getBlobClient(blobPath).downloadToBuffer(0, undefined, { concurrency: 1 });
      let count = 0;
      let from = 0;
      for (let at = bytes.indexOf(0x0a); at >= 0; at = bytes.indexOf(0x0a, from)) {
        const line = bytes.subarray(from, at);
        if (parse) JSON.parse(line.toString('utf8'));
        count++;
        from = at + 1;
      }
      const seconds = secondsSince(start);
      if (count !== blob.records) throw new Error(`The floor read ${count} of ${blob.records} lines.`);
      return seconds;
    };

    type Delay = { p99Ms: number; maxMs: number; threadUs: number };
    const firstRecord: number[] = [];
    const delays: Delay[] = [];
    const workerDelays: Delay[] = [];
    /**
     * One tail from the blob's start until it is done (`done`: told the records seen so far and its stats); returns
     * seconds, and notes this thread's event-loop delay and CPU in `into` and when the first record was counted.
     */
    const sessionRound = async (
      what: string,
      make: () => TailSession,
      done: (seen: number, stats: TailStats) => boolean,
      into: Delay[],
      firsts: number[],
    ): Promise<number> => {
      const histogram = monitorEventLoopDelay({ resolution: 10 });
      histogram.enable();
      const cpu0 = threadCpuMicros();
      const start = process.hrtime.bigint();
      const session = make();
      let seen = 0;
      let first = true;
      await new Promise<void>((resolve, reject) => {
        session.onEntries((batch) => {
          seen += batch.length;
          if (done(seen, session.stats())) resolve();
        });
        session.onStats((stats) => {
          if (first && stats.receivedRecords > 0) {
            first = false;
            firsts.push(secondsSince(start) * 1000);
          }
          if (done(seen, stats)) resolve();
        });
        session.onState((state) => {
          if (state.kind === 'failed') reject(new Error(state.error));
        });
      });
      const seconds = secondsSince(start);
      histogram.disable();
      into.push({ p99Ms: histogram.percentile(99) / 1e6, maxMs: histogram.max / 1e6, threadUs: threadCpuMicros() - cpu0 });
      const stats = session.stats();
      await session.stop();
      if (stats.receivedRecords !== blob.records || stats.malformed !== 0)
        throw new Error(`The ${what} read ${stats.receivedRecords} records (${stats.malformed} malformed) of ${blob.records}.`);
      return seconds;
    };
    /** The tail on this thread, until its last record is emitted. */
    const tailRound = (): Promise<number> =>
      sessionRound(
        'tail',
        () =>
          new StorageTailSession({
            account,
            store: () => createBlobStore(account),
            tables: [TABLE],
            start: { kind: 'earliest' },
            pollIntervalMs: 60_000,
            bufferSize: 1000,
          }),
        (seen) => seen >= blob.records,
        delays,
        [],
      );
    /** The tail in a worker, as the Live Tail starts it, until the worker counted the last record. */
    const workerRound = (): Promise<number> =>
      sessionRound(
        "worker's tail",
        () =>
          createWorkerStorageTailSession(
            { account, label: 'bench', tables: [TABLE], reopen: async () => account },
            { start: { kind: 'earliest' }, bufferSize: 10_000, maxEmit: DEFAULT_MAX_PER_BATCH },
            // The bundle the extension runs (built above): a worker started from the TypeScript source would
            // spend its first second compiling it, which the extension's worker does not.
            { workerFile: path.join(root, 'dist', 'tailWorker.js') },
          ),
        (_seen, stats) => stats.receivedRecords >= blob.records,
        workerDelays,
        firstRecord,
      );

    const tailRates: number[] = [];
    const workerRates: number[] = [];
    const floorRates: number[] = [];
    const rawRates: number[] = [];
    for (let r = 0; r <= rounds; r++) {
      // Alternate which goes first, so neither always finds the emulator warm.
      const order = r % 2 === 0 ? ['tail', 'worker', 'floor', 'raw'] : ['floor', 'raw', 'worker', 'tail'];
      const times: Record<string, number> = {};
      for (const what of order)
        times[what] = what === 'tail' ? await tailRound() : what === 'worker' ? await workerRound() : await floorRound(what === 'floor');
      if (r === 0) {
        delays.length = 0; // warm-up
        workerDelays.length = 0;
        firstRecord.length = 0;
        continue;
      }
      tailRates.push(blob.records / times.tail);
      workerRates.push(blob.records / times.worker);
      floorRates.push(blob.records / times.floor);
      rawRates.push(blob.records / times.raw);
    }
    const value = Math.round(median(tailRates));
    const baseline = Math.round(median(floorRates));
    const ratio = Math.round((median(tailRates) / median(floorRates)) * 100) / 100;
    const mb = blob.text.length / (1024 * 1024);
    const mbPerSecond = Math.round(((median(tailRates) * mb) / blob.records) * 10) / 10;
    const s = spread(tailRates);
    const ms = (x: number) => Math.round(x * 10) / 10;
    const loopOf = (list: readonly Delay[]) => ({
      p99Ms: ms(median(list.map((d) => d.p99Ms))),
      maxMs: ms(median(list.map((d) => d.maxMs))),
    });
    const hostLoop = loopOf(delays);
    const perRecord = (list: readonly Delay[]) => Math.round((median(list.map((d) => d.threadUs)) / blob.records) * 100) / 100;
    const hostThreadUsPerRecord = perRecord(delays);
    const worker = {
      value: Math.round(median(workerRates)),
      spread: workerRates.map(Math.round),
      ratio: Math.round((median(workerRates) / median(floorRates)) * 100) / 100,
      hostLoop: loopOf(workerDelays),
      hostThreadUsPerRecord: perRecord(workerDelays),
      firstRecordMs: Math.round(median(firstRecord)),
    };
    return {
      value,
      unit: 'records/s',
      spread: tailRates.map(Math.round),
      baseline,
      baselineSpread: floorRates.map(Math.round),
      downloadSplitOnly: Math.round(median(rawRates)),
      ratio,
      records: blob.records,
      blobBytes: blob.text.length,
      averageRecordBytes: Math.round(blob.text.length / blob.records),
      mbPerSecond,
      hostLoop,
      hostThreadUsPerRecord,
      worker,
      summary:
        `${value.toLocaleString('en-US')} records/s (${mbPerSecond} MB/s) catching up on a ${Math.round(mb)} MB hour blob in Azurite, ` +
        `${ratio}× the floor (one download + split + JSON.parse: ${baseline.toLocaleString('en-US')} records/s; without the parse ` +
        `${Math.round(median(rawRates)).toLocaleString('en-US')}); spread ±${Math.round((s.relative * 100) / 2)}%; ` +
        `this thread meanwhile: ${hostThreadUsPerRecord} µs of CPU per record, event-loop delay p99 ${hostLoop.p99Ms} ms, max ` +
        `${hostLoop.maxMs} ms. In a worker thread, as the extension runs it: ${worker.value.toLocaleString('en-US')} records/s ` +
        `(${worker.ratio}×; first record after ${worker.firstRecordMs} ms), this thread ${worker.hostThreadUsPerRecord} µs per ` +
        `record, delay p99 ${worker.hostLoop.p99Ms} ms, max ${worker.hostLoop.maxMs} ms`,
      target: '≥ 0.5× the floor',
    };
  } finally {
    await azurite.stop();
  }
}

if (process.argv[1] && /storageTail\.ts$/.test(process.argv[1])) {
  void run().then((r) => console.log(JSON.stringify(r, null, 1)));
}
