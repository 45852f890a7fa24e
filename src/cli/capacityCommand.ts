import { planCapacity } from '../capacity/capacityPlan';
import { describeStorageProblem } from '../storage/errors';
import { createBlobStore, TAIL_STORAGE_RETRY } from '../storage/sdkBlobStore';
import { DEFAULT_CAPACITY_HOURS, MAX_CAPACITY_HOURS, measureStorageCapacity, storageCapacityReport } from '../storage/storageCapacity';
import { intOption, parseArgs, stringOption } from './args';
import { STORAGE_CONNECTION_STRING_ENV, storageAccountOption, storageSecretFromStdin } from './storageAccountOption';
import { parseTables } from './tableOption';
import { parseIsoTime } from '../tail/startInput';
import type { CliCommand, CliIo } from './types';
import { UsageError } from './types';

const USAGE = `Usage: defender-stream capacity --storage-connection-string CS|- [--tables T,...] [--hours N] [--end T] [--json]

Sizes Event Hubs for what Defender exported to a storage account: per table, the exact bytes (the hour
blobs' sizes) and records (their lines, counted with ranged reads) of the last N complete hours, in the
capacity report of "Measure Capacity" (throughput units and partitions for a single hub and for one hub
per table). Each record counts as one event: an upper bound, since Defender batches records into messages.

  --storage-connection-string CS  A storage connection string (account key or SAS), a blob service SAS
                          URL, or "-" to give it on stdin; or set ${STORAGE_CONNECTION_STRING_ENV}
  --tables T,...          Only these tables (default: every insights-logs-advancedhunting-* container)
  --hours N               The last N complete hours, 1 to ${MAX_CAPACITY_HOURS} (default ${DEFAULT_CAPACITY_HOURS})
  --end T                 The hours before this ISO time's hour instead (e.g. 2025-01-31T00:00:00Z: the day before)
  --json                  The measurement and the plan as JSON instead of the Markdown report`;

const SPEC = {
  'storage-connection-string': 'value',
  tables: 'value',
  hours: 'value',
  end: 'value',
  json: 'flag',
} as const;

export const capacityCommand: CliCommand = {
  name: 'capacity',
  summary: "Size Event Hubs from a storage account's export (the Measure Capacity report)",
  usage: USAGE,
  run: (args, io) => runCapacity(args, io),
};

export async function runCapacity(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const parsed = parseArgs(args, SPEC);
  if (parsed.positionals.length > 0) throw new UsageError('unexpected argument (not repeated here: it may hold a secret).');
  const stdinText = await storageSecretFromStdin(parsed, io);
  const account = storageAccountOption(parsed, env, stdinText);
  const tablesText = stringOption(parsed, 'tables');
  const tables = tablesText === undefined ? undefined : parseTables(tablesText);
  const hours = intOption(parsed, 'hours', DEFAULT_CAPACITY_HOURS, 1);
  if (hours > MAX_CAPACITY_HOURS) throw new UsageError(`"--hours" must be at most ${MAX_CAPACITY_HOURS}.`);
  const endText = stringOption(parsed, 'end');
  const end = endText === undefined ? undefined : parseIsoTime(endText);
  if (endText !== undefined && end === undefined) throw new UsageError('"--end" must be an ISO time, e.g. 2025-01-31T00:00:00Z.');
  let result;
  try {
    const store = await createBlobStore(account, { retryOptions: TAIL_STORAGE_RETRY });
    result = await measureStorageCapacity(store, { tables, hours, signal: io.signal, ...(end !== undefined ? { now: end } : {}) });
  } catch (error) {
    if (io.signal?.aborted) return 130;
    throw new Error(describeStorageProblem(error, account).message);
  }
  if (parsed.options.get('json') === true) {
    const { blobs, ...measurement } = result;
    io.stdout.write(
      `${JSON.stringify({ account: account.accountName, measurement, blobs, plan: planCapacity(result.tables) }, null, 2)}\n`,
    );
  } else io.stdout.write(storageCapacityReport(account, result));
  return 0;
}
