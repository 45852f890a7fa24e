import { startLocalHub, type LocalHubServer } from '../../../src/localHub/index';
import type { HubTarget } from '../../../src/hubs/hubTarget';
import path from 'node:path';
import { createTailSession } from '../../../src/tail/session';
import type { TailEntry, TailSession, TailSessionFactory } from '../../../src/tail/types';
import { createWorkerTailSession, type TailWorkerOptions } from '../../../src/tail/worker/workerTailSession';

export const HUB = 'tail-test';

export async function startHub(partitionCount = 2): Promise<LocalHubServer> {
  return startLocalHub({ hubs: [{ name: HUB, partitionCount }] });
}

/** The hub target of `hubName` on a local hub (its own connection string unless another is given). */
export function targetOf(hub: LocalHubServer, connectionString = hub.connectionStringFor(HUB), hubName = HUB): HubTarget {
  return {
    configId: 'test',
    label: `local / ${hubName}`,
    namespaceHost: `127.0.0.1:${hub.port}`,
    hubName,
    consumerGroup: '$Default',
    auth: { kind: 'connectionString', connectionString },
  };
}

export function record(table: string, props: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    time: '2025-01-31T08:00:00.000Z',
    tenantId: 't',
    operationName: 'Publish',
    category: `AdvancedHunting-${table}`,
    properties: { Timestamp: '2025-01-31T08:00:00.000Z', DeviceName: 'wks-01', ActionType: 'ProcessCreated', ...props },
  };
}

/** One Event Hubs message body in the streaming form. */
export function message(...records: Array<Record<string, unknown>>): string {
  return JSON.stringify({ records });
}

/** Collects every entry a session emits. */
export function collect(session: TailSession): TailEntry[] {
  const entries: TailEntry[] = [];
  session.onEntries((batch) => entries.push(...batch));
  return entries;
}

export async function waitFor(what: string, predicate: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Sequence numbers seen per partition, in arrival order (one per event: the first entry of each). */
export function sequencesByPartition(entries: readonly TailEntry[]): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const e of entries) {
    const list = out.get(e.partitionId) ?? [];
    if (list[list.length - 1] !== e.sequenceNumber) list.push(e.sequenceNumber);
    out.set(e.partitionId, list);
  }
  return out;
}

/** Whether every list is strictly consecutive (no gap, no duplicate, no reordering). */
export function contiguous(list: readonly number[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i] !== list[i - 1] + 1) return false;
  return true;
}

/** The tail's worker run from its TypeScript source (the extension runs dist/tailWorker.js). */
export const TEST_WORKER: TailWorkerOptions = { workerFile: path.resolve(__dirname, '../../support/tailWorkerSource.cjs') };

/** The two ways a tail runs: on the calling thread, and in a worker thread of its own. */
export const SESSION_DESIGNS: ReadonlyArray<{ readonly name: string; readonly create: TailSessionFactory }> = [
  { name: 'on this thread', create: createTailSession },
  { name: 'in a worker thread', create: (target, options) => createWorkerTailSession(target, options, TEST_WORKER) },
];
