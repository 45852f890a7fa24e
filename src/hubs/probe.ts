import { STREAMABLE_TABLES } from '../core/catalog/schemaCatalog';
import { QUICK_RETRY } from './clientFactory';
import { checkConnection } from './connectionCheck';
import { ConnectionCheckError } from './errors';
import type { HubTarget } from './hubTarget';

export interface ProbeResult {
  /** Per-table hubs that exist, in catalog order, with their table. */
  readonly found: ReadonlyArray<{ readonly table: string; readonly hubName: string; readonly partitionCount: number }>;
  /** Per-table hub names that do not exist. */
  readonly missing: readonly string[];
}

/**
 * Finds which `insights-logs-advancedhunting-<table>` hubs exist in a namespace. `targetFor` builds
 * the target of one hub name (same namespace and credentials). An unknown hub counts as missing; any
 * other problem (wrong key, unreachable host) stops the probe with that problem.
 *
 * By default it probes the hubs of the tables that reach Event Hubs (streamed, or seen in real streams:
 * 30), not all 66 catalog tables: Defender only creates a per-table hub for a table it streams, and each
 * probe is a connection and a management request, so the other 36 would double the wait for nothing.
 */
export async function probePerTableHubs(
  targetFor: (hubName: string) => HubTarget,
  tables: readonly string[] = STREAMABLE_TABLES.map((t) => t.name),
  options: { concurrency?: number; deadlineMs?: number } = {},
): Promise<ProbeResult> {
  const names = tables.map((table) => ({ table, hubName: `insights-logs-advancedhunting-${table.toLowerCase()}` }));
  const results = new Map<string, number | undefined>();
  // The first hub alone: a wrong key or unreachable host is reported once, not once per table.
  let next = 0;
  const runOne = async (): Promise<void> => {
    const item = names[next++];
    const result = await checkConnection(targetFor(item.hubName), {
      retry: QUICK_RETRY,
      deadlineMs: options.deadlineMs ?? 15_000,
      checkConsumerGroup: false,
      readPartitions: false,
    });
    if (result.ok) results.set(item.hubName, result.hub.partitionIds.length);
    else if (result.problem.code === 'unknownHub') results.set(item.hubName, undefined);
    else throw new ConnectionCheckError(result.problem);
  };
  if (names.length > 0) await runOne();
  const workers = Array.from({ length: Math.min(options.concurrency ?? 6, names.length) }, async () => {
    while (next < names.length) await runOne();
  });
  await Promise.all(workers);
  return {
    found: names
      .filter((n) => results.get(n.hubName) !== undefined)
      .map((n) => ({ ...n, partitionCount: results.get(n.hubName) as number })),
    missing: names.filter((n) => results.get(n.hubName) === undefined).map((n) => n.hubName),
  };
}
