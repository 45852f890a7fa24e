import { parseConnectionString } from '../core/connection/connectionString';
import { ConnectionError } from '../core/connection/errors';
import type { HubTarget } from '../hubs/hubTarget';
import { stringOption, type ParsedArgs } from './args';
import { UsageError } from './types';

/**
 * The hub a command line names: the connection string's namespace, and `--hub` or its EntityPath. A
 * connection string that does not parse is a usage error worded without any part of it.
 */
export function cliHubTarget(parsed: ParsedArgs, connectionString: string, consumerGroup = '$Default'): HubTarget {
  let cs;
  try {
    cs = parseConnectionString(connectionString);
  } catch (error) {
    if (error instanceof ConnectionError) throw new UsageError(error.message);
    throw error;
  }
  const hubName = stringOption(parsed, 'hub') ?? cs.entityPath;
  if (!hubName) throw new UsageError('the connection string has no EntityPath: give --hub.');
  return {
    configId: 'cli',
    label: `${cs.host} / ${hubName}`,
    namespaceHost: cs.host,
    hubName,
    consumerGroup,
    auth: { kind: 'connectionString', connectionString },
  };
}
