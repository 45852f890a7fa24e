import { compileWhereFilter, whereProblemText } from '../core/filter/where/where';
import type { StorageAccount } from '../storage/account';
import { hourLabel, floorHour, parseHourBlobPath } from '../storage/layout';
import { createBlobStore, TAIL_STORAGE_RETRY } from '../storage/sdkBlobStore';
import { StorageTailSession } from '../storage/storageTailSession';
import { BUFFER_MEGABYTES, bufferBytesFromMegabytes } from '../tail/pipeline';
import type { StartPosition, TailEntry } from '../tail/types';
import { intOption, parseArgs, stringOption } from './args';
import { printTail } from './printTail';
import { STORAGE_CONNECTION_STRING_ENV, storageAccountOption, storageSecretFromStdin } from './storageAccountOption';
import { parseTables } from './tableOption';
import { parseFrom, summaryText, tailCommand } from './tailCommand';
import type { CliCommand, CliIo } from './types';
import { UsageError } from './types';

export { STORAGE_CONNECTION_STRING_ENV };

const STORAGE_USAGE = `
   or: defender-stream tail --storage-connection-string CS|- [--tables T,...]
                            [--from latest|earliest|<ISO time>|<N>m|<N>h] [--grep TEXT] [--where EXPR]
                            [--limit N] [--duration SECONDS] [--json] [--poll-interval SECONDS]

Storage account (Defender's other destination): follows the newest hour blob of each table's
insights-logs-advancedhunting-<table> container and prints the records appended to it, the same way.
--from latest (default) starts at the end of each newest blob, earliest at the oldest retained hour, a
time at the hour it falls in. With --json, "partitionId" is the container and blob, "sequenceNumber" the
line's byte offset in the blob.

  --storage-connection-string CS  A storage connection string (account key or SAS), a blob service SAS
                          URL, or "-" to give it on stdin; or set ${STORAGE_CONNECTION_STRING_ENV}
                          (used when neither --connection-string nor DEFENDER_STREAM_CONNECTION_STRING is)
  --poll-interval S       Seconds between checks for appended records (default 5)`;

const SPEC = {
  'storage-connection-string': 'value',
  from: 'value',
  tables: 'value',
  grep: 'value',
  where: 'value',
  limit: 'value',
  duration: 'value',
  json: 'flag',
  'poll-interval': 'value',
  'buffer-mb': 'value',
} as const;

/** `tail`, reading a storage account when it is given one (see `isStorageTail`), an event hub otherwise. */
export const storageAwareTailCommand: CliCommand = {
  ...tailCommand,
  summary: 'Print records from an event hub or a storage account as they arrive (NDJSON with --json)',
  usage: tailCommand.usage + '\n' + STORAGE_USAGE,
  run: (args, io) => (isStorageTail(args) ? runStorageTail(args, io) : tailCommand.run(args, io)),
};

/** A storage tail: `--storage-connection-string` is given, or only the storage environment variable is set. */
export function isStorageTail(args: readonly string[], env: NodeJS.ProcessEnv = process.env): boolean {
  if (args.some((a) => a === '--storage-connection-string' || a.startsWith('--storage-connection-string='))) return true;
  if (args.some((a) => a === '--connection-string' || a.startsWith('--connection-string='))) return false;
  return !!env[STORAGE_CONNECTION_STRING_ENV]?.trim() && !env.DEFENDER_STREAM_CONNECTION_STRING?.trim();
}

export interface StorageTailOptions {
  readonly account: StorageAccount;
  readonly start: StartPosition;
  readonly tables?: string[];
  readonly grep?: string;
  readonly where?: string;
  readonly limit: number;
  readonly durationMs: number;
  readonly json: boolean;
  readonly pollIntervalMs: number;
  readonly bufferBytes: number;
}

export function parseStorageTailArgs(
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  stdinText?: string,
): StorageTailOptions {
  const parsed = parseArgs(args, SPEC);
  if (parsed.positionals.length > 0) throw new UsageError('unexpected argument (not repeated here: it may hold a secret).');
  const account = storageAccountOption(parsed, env, stdinText);
  const tablesText = stringOption(parsed, 'tables');
  const where = stringOption(parsed, 'where');
  if (where !== undefined) {
    const checked = compileWhereFilter(where);
    if (!checked.ok) throw new UsageError(`"--where": ${whereProblemText(where, checked.problem)}`);
  }
  return {
    account,
    start: parseFrom(stringOption(parsed, 'from') ?? 'latest'),
    tables: tablesText === undefined ? undefined : parseTables(tablesText),
    grep: stringOption(parsed, 'grep'),
    where,
    limit: intOption(parsed, 'limit', 0, 1),
    durationMs: intOption(parsed, 'duration', 0, 1) * 1000,
    json: parsed.options.get('json') === true,
    pollIntervalMs: intOption(parsed, 'poll-interval', 5, 1) * 1000,
    bufferBytes: bufferBytesFromMegabytes(intOption(parsed, 'buffer-mb', BUFFER_MEGABYTES.default, BUFFER_MEGABYTES.min)),
  };
}

export async function runStorageTail(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const stdinText = await storageSecretFromStdin(parseArgs(args, SPEC), io);
  const options = parseStorageTailArgs(args, env, stdinText);
  if (io.signal?.aborted) return 0;
  const session = new StorageTailSession({
    account: options.account,
    store: () => createBlobStore(options.account, { retryOptions: TAIL_STORAGE_RETRY }),
    tables: options.tables,
    start: options.start,
    filter: { tables: options.tables, text: options.grep, where: options.where },
    pollIntervalMs: options.pollIntervalMs,
    bufferSize: 1000,
    bufferBytes: options.bufferBytes,
  });
  return printTail(session, io, {
    json: options.json,
    limit: options.limit,
    durationMs: options.durationMs,
    origin: where,
    unit: 'line',
    summary: (stats) => summaryText(stats).replace(/ in (\d+) events /, ' in $1 lines '),
  });
}

/** `2026-12-01T18Z+1234`: the hour blob and the line's byte offset (the tenant when it is not the record's). */
function where(entry: TailEntry): string {
  const slash = entry.partitionId.indexOf('/');
  const blob = parseHourBlobPath(entry.partitionId.slice(slash + 1));
  return blob ? `${hourLabel(floorHour(blob.hour))}+${entry.sequenceNumber}` : `${entry.partitionId}+${entry.sequenceNumber}`;
}
