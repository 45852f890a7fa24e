import { ConnectionError } from '../core/connection/errors';
import { parseStorageConnection, type StorageAccount } from '../storage/account';
import { stringOption, type ParsedArgs } from './args';
import { FROM_STDIN, readSecretLine } from './connectionInput';
import type { CliIo } from './types';
import { UsageError } from './types';

/** Where the Storage commands take a storage connection string from when no `--storage-connection-string` is given. */
export const STORAGE_CONNECTION_STRING_ENV = 'DEFENDER_STREAM_STORAGE_CONNECTION_STRING';

/** The text `--storage-connection-string -` asks for, read from stdin (without echo in a terminal); undefined otherwise. */
export async function storageSecretFromStdin(parsed: ParsedArgs, io: CliIo): Promise<string | undefined> {
  if (parsed.options.get('storage-connection-string') !== FROM_STDIN) return undefined;
  if (!io.stdin) throw new UsageError('"--storage-connection-string -" needs the connection string on stdin.');
  return readSecretLine(io.stdin, io.stderr, io.signal);
}

/** The account of `--storage-connection-string CS|-`, else of ${STORAGE_CONNECTION_STRING_ENV}; a usage error without one. */
export function storageAccountOption(parsed: ParsedArgs, env: NodeJS.ProcessEnv, stdinText: string | undefined): StorageAccount {
  const option = stringOption(parsed, 'storage-connection-string');
  let text: string | undefined;
  if (option === FROM_STDIN) {
    if (stdinText === undefined || stdinText.trim() === '')
      throw new UsageError('"--storage-connection-string -" reads the connection string from stdin, and stdin had none.');
    text = stdinText;
  } else text = option ?? env[STORAGE_CONNECTION_STRING_ENV];
  if (text === undefined || text.trim() === '')
    throw new UsageError(
      `give the storage connection string in ${STORAGE_CONNECTION_STRING_ENV}, on stdin with "--storage-connection-string -", or with --storage-connection-string.`,
    );
  try {
    return parseStorageConnection(text);
  } catch (error) {
    if (error instanceof ConnectionError) throw new UsageError(error.message);
    throw error;
  }
}
