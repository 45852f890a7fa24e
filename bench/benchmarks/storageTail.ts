/**
 * storageTail: records/s of a Storage tail (`StorageTailSession`, start earliest, the default 4 MiB ranged
 * reads) catching up on one hour blob of generated Defender records (DeviceProcessEvents, NDJSON as the
 * Storage export writes it) in Azurite (the real emulator, in a child process: test/support/azurite.ts).
 * Next to it, in the same run and the same rounds, the floor: one plain download of the same blob with the
 * SDK (`downloadToBuffer`), split into lines and each line `JSON.parse`d, since the tail parses every line
 * (its pipeline decodes each record to filter and show it). A round of the tail ends when its last record
 * has been emitted. Median and spread of several rounds after a warm-up round.
 *
 * Also what other extensions would feel, since a Storage tail runs on the extension host's thread: this
 * thread's event-loop delay while the tail catches up (`monitorEventLoopDelay`, 10 ms resolution, as in
 * `hostLoop`: an idle thread reads about 10.2 ms), p99 and max, median of the rounds.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { median, secondsSince, spread } from '../lib/stats';

const TABLE = 'DeviceProcessEvents';

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

  const blob = await buildBlob(megabytes * 1024 * 1024);
  const azurite = await startAzurite();
  try {
    const service = BlobServiceClient.fromConnectionString(azurite.connectionString);
    const container = service.getContainerClient(containerOfTable(TABLE));
    await container.createIfNotExists();
    const path = hourBlobPath('11111111-2222-3333-4444-555555555555', floorHour(Date.now()));
    const append = container.getAppendBlobClient(path);
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
      const bytes = await container.getBlobClient(path).downloadToBuffer(0, undefined, { concurrency: 1 });
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

    const delays: { p99Ms: number; maxMs: number }[] = [];
    /** The tail from the blob's start until its last record is emitted; returns seconds (and notes this thread's delay). */
    const tailRound = async (): Promise<number> => {
      const histogram = monitorEventLoopDelay({ resolution: 10 });
      histogram.enable();
      const start = process.hrtime.bigint();
      const session = new StorageTailSession({
        account,
        store: () => createBlobStore(account),
        tables: [TABLE],
        start: { kind: 'earliest' },
        pollIntervalMs: 60_000,
        bufferSize: 1000,
      });
      let seen = 0;
      const done = new Promise<void>((resolve, reject) => {
        session.onEntries((batch) => {
          seen += batch.length;
          if (seen >= blob.records) resolve();
        });
        session.onState((state) => {
          if (state.kind === 'failed') reject(new Error(state.error));
        });
      });
      await done;
      const seconds = secondsSince(start);
      histogram.disable();
      delays.push({ p99Ms: histogram.percentile(99) / 1e6, maxMs: histogram.max / 1e6 });
      const stats = session.stats();
      await session.stop();
      if (stats.receivedRecords !== blob.records || stats.malformed !== 0)
        throw new Error(`The tail read ${stats.receivedRecords} records (${stats.malformed} malformed) of ${blob.records}.`);
      return seconds;
    };

    const tailRates: number[] = [];
    const floorRates: number[] = [];
    const rawRates: number[] = [];
    for (let r = 0; r <= rounds; r++) {
      // Alternate which goes first, so neither always finds the emulator warm.
      const order = r % 2 === 0 ? ['tail', 'floor', 'raw'] : ['floor', 'raw', 'tail'];
      const times: Record<string, number> = {};
      for (const what of order) times[what] = what === 'tail' ? await tailRound() : await floorRound(what === 'floor');
      if (r === 0) {
        delays.length = 0; // warm-up
        continue;
      }
      tailRates.push(blob.records / times.tail);
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
    const hostLoop = { p99Ms: ms(median(delays.map((d) => d.p99Ms))), maxMs: ms(median(delays.map((d) => d.maxMs))) };
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
      summary:
        `${value.toLocaleString('en-US')} records/s (${mbPerSecond} MB/s) catching up on a ${Math.round(mb)} MB hour blob in Azurite, ` +
        `${ratio}× the floor (one download + split + JSON.parse: ${baseline.toLocaleString('en-US')} records/s; without the parse ` +
        `${Math.round(median(rawRates)).toLocaleString('en-US')}); spread ±${Math.round((s.relative * 100) / 2)}%; ` +
        `this thread's event-loop delay meanwhile p99 ${hostLoop.p99Ms} ms, max ${hostLoop.maxMs} ms`,
      target: '≥ 0.5× the floor',
    };
  } finally {
    await azurite.stop();
  }
}

if (process.argv[1] && /storageTail\.ts$/.test(process.argv[1])) {
  void run().then((r) => console.log(JSON.stringify(r, null, 1)));
}
