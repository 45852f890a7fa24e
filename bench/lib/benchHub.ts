/**
 * A local hub for benchmarks, in a child process (as a real namespace would be elsewhere), preloaded with
 * generated Defender messages (one ~2 KB record each) spread evenly over its partitions. Used by the tail
 * and hostLoop benchmarks: every round of theirs reads all of it from the earliest position.
 *
 *   const hub = await startBenchHub({ name: 'bench-tail', events: 40_000 });
 *   ... hub.connectionString, hub.port, benchTarget(hub) ...
 *   await hub.stop();
 *
 * The child is this file run with `--serve-hub <options as JSON>`; it prints one JSON line when it is
 * ready, answers each line on its stdin ("gc": a full GC, `collectGarbage`; "cpu": its CPU time so far,
 * `cpuMicros`) with a line back, and stops cleanly when its stdin closes (`stopChild`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import type { HubTarget } from '../../src/hubs/hubTarget';
import { stopChild } from './childProcess';

export interface BenchHubOptions {
  /** The hub's name (also the generator's seed, so each benchmark always serves the same bodies). */
  readonly name: string;
  /** Events preloaded, one generated record each. */
  readonly events: number;
  /** Partitions (default 4). */
  readonly partitions?: number;
  /**
   * CPUs the hub process may run on (Linux `taskset -c` list, e.g. "0"); default: any. Not used by default:
   * on a 2-core machine pinning the hub and the client apart starves whichever needs a GC thread.
   */
  readonly cpus?: string;
}

export interface BenchHub {
  readonly name: string;
  readonly connectionString: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Has the hub process collect its garbage (a full GC), so that none of it lands in the next round. */
  collectGarbage(): Promise<void>;
  /** The hub process's CPU time so far (user + system), µs. */
  cpuMicros(): Promise<number>;
  stop(): Promise<void>;
}

/** A full garbage collection of this process (without `--expose-gc` on the command line). */
export function forceGc(): void {
  v8.setFlagsFromString('--expose_gc');
  const gc = vm.runInNewContext('gc') as () => void;
  gc();
  gc();
}

/** The bodies a bench hub serves: the same in the hub process and in a benchmark that needs them too. */
export async function benchBodies(name: string, events: number): Promise<Buffer[]> {
  const { DefenderTrafficGenerator } = await import('../../src/traffic/index');
  const generator = new DefenderTrafficGenerator({ seed: name, recordsPerMessage: 1 });
  return Array.from({ length: events }, () => Buffer.from(generator.message(undefined, 1).body));
}

/** A tail target for the hub (connection-string auth, `$Default` consumer group). */
export function benchTarget(hub: Pick<BenchHub, 'name' | 'connectionString' | 'port'>): HubTarget {
  return {
    configId: 'bench',
    label: 'bench',
    namespaceHost: `127.0.0.1:${hub.port}`,
    hubName: hub.name,
    consumerGroup: '$Default',
    auth: { kind: 'connectionString', connectionString: hub.connectionString },
  };
}

/** Starts the hub process and waits until it serves every event. */
export async function startBenchHub(options: BenchHubOptions): Promise<BenchHub> {
  const file = fileURLToPath(import.meta.url);
  const root = path.resolve(path.dirname(file), '..', '..');
  const nodeArgs = ['--import', 'tsx', file, '--serve-hub', JSON.stringify(options)];
  const child = options.cpus
    ? spawn('taskset', ['-c', options.cpus, process.execPath, ...nodeArgs], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] })
    : spawn(process.execPath, nodeArgs, { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const first = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`The bench hub exited early (code ${code}).`)));
  });
  const ready = JSON.parse(first) as { connectionString: string; port: number };
  const replies: Array<(line: string) => void> = [];
  lines.on('line', (line) => replies.shift()?.(line));
  const ask = (command: 'gc' | 'cpu') =>
    new Promise<string>((resolve) => {
      replies.push(resolve);
      child.stdin!.write(`${command}\n`);
    });
  return {
    name: options.name,
    child,
    ...ready,
    collectGarbage: async () => void (await ask('gc')),
    cpuMicros: async () => Number(await ask('cpu')),
    stop: () => stopChild(child),
  };
}

/** The child process: serves the hub until stdin closes. */
async function serveHub(options: BenchHubOptions): Promise<void> {
  const { startLocalHub } = await import('../../src/localHub/index');
  const partitions = options.partitions ?? 4;
  const perPartition = Math.ceil(options.events / partitions);
  const hub = await startLocalHub({
    hubs: [{ name: options.name, partitionCount: partitions }],
    maxEventsPerPartition: Math.max(perPartition, 1),
    maxBytesPerPartition: Math.max(128 * 1024 * 1024, perPartition * 4096),
  });
  const all = await benchBodies(options.name, options.events);
  for (let p = 0; p < partitions; p++) {
    hub.append(
      options.name,
      all.slice(p * perPartition, (p + 1) * perPartition).map((body) => ({ body })),
      String(p),
    );
  }
  process.stdout.write(`${JSON.stringify({ connectionString: hub.connectionStringFor(options.name), port: hub.port })}\n`);
  const commands = createInterface({ input: process.stdin });
  commands.on('line', (command) => {
    if (command === 'cpu') {
      const cpu = process.cpuUsage();
      process.stdout.write(`${cpu.user + cpu.system}\n`);
      return;
    }
    forceGc();
    process.stdout.write('collected\n');
  });
  commands.on('close', () => void hub.stop().then(() => process.exit(0)));
}

const serveAt = process.argv.indexOf('--serve-hub');
if (serveAt > 0 && process.argv[1] && /benchHub\.ts$/.test(process.argv[1])) {
  void serveHub(JSON.parse(process.argv[serveAt + 1]) as BenchHubOptions);
}
