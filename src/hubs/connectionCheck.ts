import type { EventHubConsumerClient, RetryOptions } from '@azure/event-hubs';
import { createConsumerClient, QUICK_RETRY } from './clientFactory';
import { ConnectionCheckError, describeProblem, type ConnectionProblem, type ProblemContext } from './errors';
import type { HubTarget } from './hubTarget';
import { sortPartitionIds, toPartitionInfo, validDate, type HubInfo } from './properties';

export interface CheckOptions {
  /** Retries per operation (default QUICK_RETRY: a wrong key is reported in seconds). */
  readonly retry?: RetryOptions;
  /** Hard limit for the whole check, in ms (default 15,000). */
  readonly deadlineMs?: number;
  /** Also open a receiver to prove the consumer group exists (default true). */
  readonly checkConsumerGroup?: boolean;
  /** Read every partition's properties (default true). */
  readonly readPartitions?: boolean;
  readonly signal?: AbortSignal;
}

export type CheckResult = { readonly ok: true; readonly hub: HubInfo } | { readonly ok: false; readonly problem: ConnectionProblem };

/**
 * Reads the hub's (and its partitions') properties with short retries, then (optionally) opens a
 * receiver on the first partition to prove the consumer group; a failure becomes one specific,
 * redacted message. Never throws for connection problems.
 */
export async function checkConnection(target: HubTarget, options: CheckOptions = {}): Promise<CheckResult> {
  const deadlineMs = options.deadlineMs ?? 15_000;
  const timeoutSeconds = Math.round(deadlineMs / 1000);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), deadlineMs);
  const onAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  let client: EventHubConsumerClient | undefined;
  let phase: ProblemContext['phase'] = 'hub';
  try {
    client = await createConsumerClient(target, { retryOptions: options.retry ?? QUICK_RETRY });
    const hub = await readHubInfo(client, controller.signal, options.readPartitions ?? true);
    if (options.checkConsumerGroup ?? true) {
      phase = 'consumerGroup';
      await openReceiver(client, hub.partitionIds[0] ?? '0', controller.signal, deadlineMs);
    }
    return { ok: true, hub };
  } catch (error) {
    return { ok: false, problem: describeProblem(error, target, phase, timeoutSeconds) };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
    await client?.close().catch(() => undefined);
  }
}

/** Like checkConnection without the receiver, throwing a ConnectionCheckError (for the tree). */
export async function readHubProperties(target: HubTarget, options: Omit<CheckOptions, 'checkConsumerGroup'> = {}): Promise<HubInfo> {
  const result = await checkConnection(target, { ...options, checkConsumerGroup: false });
  if (!result.ok) throw new ConnectionCheckError(result.problem);
  return result.hub;
}

async function readHubInfo(client: EventHubConsumerClient, abortSignal: AbortSignal, readPartitions: boolean): Promise<HubInfo> {
  const props = await client.getEventHubProperties({ abortSignal });
  const partitionIds = sortPartitionIds(props.partitionIds);
  const partitions = readPartitions
    ? await Promise.all(partitionIds.map(async (id) => toPartitionInfo(await client.getPartitionProperties(id, { abortSignal }))))
    : [];
  return { name: props.name, createdOn: validDate(props.createdOn), partitionIds, partitions };
}

/** Opens (and closes) a receiver from the latest position: fails when the consumer group is unknown. */
function openReceiver(client: EventHubConsumerClient, partitionId: string, signal: AbortSignal, deadlineMs: number): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    const finish = (error?: unknown) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      void subscription
        .close()
        .catch(() => undefined)
        .then(() => (error === undefined ? resolve() : reject(error)));
    };
    const onAbort = () => {
      const e = new Error(`The check did not finish within ${Math.round(deadlineMs / 1000)} s.`);
      e.name = 'AbortError';
      finish(e);
    };
    const subscription = client.subscribe(
      partitionId,
      {
        processEvents: async () => finish(),
        processError: async (error) => finish(error),
      },
      { startPosition: { offset: '@latest' }, maxWaitTimeInSeconds: 1, maxBatchSize: 1 },
    );
    if (signal.aborted) onAbort();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
}
