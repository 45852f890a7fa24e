/**
 * localHub: send and receive throughput of the embedded local hub through the REAL `@azure/event-hubs`
 * producer and consumer over AMQP, with ~1 KB Defender records (one record per event). The hub runs in a
 * child process, as a real namespace would be elsewhere. Each round sends N events (1 MB batches, one
 * producer, all partitions in parallel) and then reads exactly those N back (maxBatchSize 500,
 * pre-settled deliveries). Events/s and MB/s, median of several rounds after a warm-up round.
 */
import { spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { stopChild } from '../lib/childProcess';
import { median, secondsSince, spread } from '../lib/stats';

const HUB = 'bench-local-hub';
const PARTITIONS = 4;
const MAX_BATCH_SIZE = 500;
/** Tables whose generated records are about 1 KB. */
const KB_TABLES = [
  'DeviceFileCertificateInfo',
  'IdentityLogonEvents',
  'IdentityQueryEvents',
  'IdentityDirectoryEvents',
  'DeviceNetworkInfo',
];

export interface LocalHubBenchOptions {
  /** Events per round (default 20,000). */
  readonly events?: number;
  /** Measured rounds (default 4) after one warm-up round. */
  readonly rounds?: number;
}

export const smokeOptions: LocalHubBenchOptions = { events: 4000, rounds: 2 };

interface Throughput {
  readonly eventsPerSecond: number;
  readonly mbPerSecond: number;
  readonly spread: readonly number[];
}

export interface LocalHubBenchResult {
  /** Receive events/s (median): the number the tail depends on. */
  readonly value: number;
  readonly unit: 'events/s';
  readonly send: Throughput;
  readonly receive: Throughput;
  readonly events: number;
  readonly averageEventBytes: number;
  readonly spread: readonly number[];
  readonly summary: string;
  readonly target: string;
}

async function serveHub(): Promise<void> {
  const { startLocalHub } = await import('../../src/localHub/index');
  const hub = await startLocalHub({ hubs: [{ name: HUB, partitionCount: PARTITIONS }], maxEventsPerPartition: 1_000_000 });
  process.stdout.write(`${JSON.stringify({ connectionString: hub.connectionStringFor(HUB) })}\n`);
  process.stdin.resume();
  process.stdin.once('end', () => void hub.stop().then(() => process.exit(0)));
}

async function startHubProcess(): Promise<{ child: ChildProcess; connectionString: string }> {
  const file = fileURLToPath(import.meta.url);
  const child = spawn(process.execPath, ['--import', 'tsx', file, '--serve-hub'], {
    cwd: path.resolve(path.dirname(file), '..', '..'),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`The bench hub exited early (code ${code}).`)));
  });
  return { child, ...(JSON.parse(first) as { connectionString: string }) };
}

/** ~1 KB bodies: `{"records":[<one generated record>]}` from tables whose records are about that size. */
async function buildBodies(count: number): Promise<Buffer[]> {
  const { DefenderTrafficGenerator } = await import('../../src/traffic/index');
  const generator = new DefenderTrafficGenerator({ seed: 'bench-local-hub', tables: KB_TABLES });
  const distinct = Array.from({ length: Math.min(count, 2000) }, () => Buffer.from(generator.message(undefined, 1).body));
  return Array.from({ length: count }, (_, i) => distinct[i % distinct.length]);
}

export async function run(options: LocalHubBenchOptions = {}): Promise<LocalHubBenchResult> {
  const events = options.events ?? 20_000;
  const rounds = options.rounds ?? 4;
  const { EventHubConsumerClient, EventHubProducerClient } = await import('@azure/event-hubs');
  const bodies = await buildBodies(events);
  const bytes = bodies.reduce((sum, b) => sum + b.length, 0);
  const hub = await startHubProcess();
  const producer = new EventHubProducerClient(hub.connectionString);
  const consumer = new EventHubConsumerClient('$Default', hub.connectionString);
  try {
    const sendRates: number[] = [];
    const receiveRates: number[] = [];
    for (let r = 0; r <= rounds; r++) {
      const before = await Promise.all(Array.from({ length: PARTITIONS }, (_, p) => producer.getPartitionProperties(String(p))));
      const sendSeconds = await sendRound(producer, bodies);
      const receiveSeconds = await receiveRound(
        consumer,
        before.map((p) => p.lastEnqueuedSequenceNumber),
        events,
      );
      if (r === 0) continue; // warm-up
      sendRates.push(events / sendSeconds);
      receiveRates.push(events / receiveSeconds);
    }
    const mb = bytes / (1024 * 1024);
    const send = {
      eventsPerSecond: Math.round(median(sendRates)),
      mbPerSecond: round2((median(sendRates) * mb) / events),
      spread: sendRates.map(Math.round),
    };
    const receive = {
      eventsPerSecond: Math.round(median(receiveRates)),
      mbPerSecond: round2((median(receiveRates) * mb) / events),
      spread: receiveRates.map(Math.round),
    };
    const s = spread(receiveRates);
    return {
      value: receive.eventsPerSecond,
      unit: 'events/s',
      send,
      receive,
      events,
      averageEventBytes: Math.round(bytes / events),
      spread: receive.spread,
      summary: `send ${send.eventsPerSecond.toLocaleString('en-US')} events/s (${send.mbPerSecond} MB/s); receive ${receive.eventsPerSecond.toLocaleString('en-US')} events/s (${receive.mbPerSecond} MB/s); ${Math.round(bytes / events)} B/event, receive spread ±${Math.round((s.relative * 100) / 2)}%`,
      target: 'receive ≥ 10,000 events/s',
    };
  } finally {
    await consumer.close();
    await producer.close();
    await stopChild(hub.child);
  }
}

type Producer = InstanceType<typeof import('@azure/event-hubs').EventHubProducerClient>;
type Consumer = InstanceType<typeof import('@azure/event-hubs').EventHubConsumerClient>;

/** Sends every body in 1 MB batches, the partitions in parallel; returns seconds. */
async function sendRound(producer: Producer, bodies: readonly Buffer[]): Promise<number> {
  const perPartition = Array.from({ length: PARTITIONS }, (_, p) => bodies.filter((_, i) => i % PARTITIONS === p));
  const start = process.hrtime.bigint();
  await Promise.all(
    perPartition.map(async (list, p) => {
      let batch = await producer.createBatch({ partitionId: String(p) });
      for (const body of list) {
        if (batch.tryAdd({ body })) continue;
        await producer.sendBatch(batch);
        batch = await producer.createBatch({ partitionId: String(p) });
        if (!batch.tryAdd({ body })) throw new Error('An event does not fit in an empty batch.');
      }
      if (batch.count > 0) await producer.sendBatch(batch);
    }),
  );
  return secondsSince(start);
}

/** Reads exactly the events after `after[p]` on every partition; returns seconds from subscribe to the last event. */
async function receiveRound(consumer: Consumer, after: readonly number[], total: number): Promise<number> {
  let count = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const start = process.hrtime.bigint();
  const subscription = consumer.subscribe(
    {
      processEvents: async (events) => {
        count += events.length;
        if (count >= total) done();
      },
      processError: async () => undefined,
    },
    {
      startPosition: Object.fromEntries(after.map((seq, p) => [String(p), seq < 0 ? { offset: '-1' } : { sequenceNumber: seq }])),
      maxBatchSize: MAX_BATCH_SIZE,
      maxWaitTimeInSeconds: 1,
      skipParsingBodyAsJson: true,
    },
  );
  const timeout = setTimeout(done, 120_000);
  await finished;
  clearTimeout(timeout);
  const seconds = secondsSince(start);
  await subscription.close();
  if (count < total) throw new Error(`Only ${count} of ${total} events arrived.`);
  return seconds;
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

if (process.argv.includes('--serve-hub')) {
  void serveHub();
} else if (process.argv[1] && /localHub\.ts$/.test(process.argv[1])) {
  void run().then((r) => console.log(JSON.stringify(r, null, 1)));
}
