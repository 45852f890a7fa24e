import { readFile } from 'node:fs/promises';
import { resolveGraphEndpoint, GraphEndpointError, type GraphEndpoint } from '../graph/graphEndpoint';
import { resultCsv, resultTable } from '../graph/huntingFormat';
import { runHuntingQuery } from '../graph/runHuntingQuery';
import { terminalSafe } from '../tail/summary';
import { parseArgs } from './args';
import { jsonLines } from './output';
import type { CliCommand, CliIo } from './types';
import { UsageError } from './types';

export const GRAPH_TOKEN_ENV = 'DEFENDER_STREAM_GRAPH_TOKEN';

const USAGE = `Usage: defender-stream hunt (--query KQL | --file FILE) [--timespan D] [--graph-endpoint URL] [--json | --csv]

Runs a KQL query in the tenant's Advanced Hunting through Microsoft Graph (runHuntingQuery) and prints
the rows: a readable table, the results array as JSON (--json) or CSV with a header row (--csv).

  --query KQL           The query (or "-" to read it from stdin)
  --file FILE           Read the query from a file (.kql, .kusto, .csl)
  --timespan D          Graph's Timespan: an ISO 8601 duration or interval, e.g. P1D
  --graph-endpoint URL  https://graph.microsoft.com (default), https://graph.microsoft.us (US Government
                        L4) or https://dod-graph.microsoft.us (L5/DoD); Azure China has no Advanced Hunting
                        in Graph
  --json                Print the response's results array
  --csv                 Print CSV (cells that start with = + - @ get a leading apostrophe)

Sign-in: a bearer token for Microsoft Graph in ${GRAPH_TOKEN_ENV} (for CI), otherwise
@azure/identity's DefaultAzureCredential (Azure CLI, environment, managed identity...). The token needs
the permission ThreatHunting.Read.All.

Exit code: 0 on success, 1 on a query or service error (message on stderr), 2 on bad usage.`;

const SPEC = { query: 'value', file: 'value', timespan: 'value', 'graph-endpoint': 'value', json: 'flag', csv: 'flag' } as const;

const TIMESPAN = /^(?:P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?|[\d:.TZ+-]+\/[\w:.+-]+)$/i;

interface HuntOptions {
  readonly query: string;
  readonly timespan?: string;
  readonly endpoint: GraphEndpoint;
  readonly format: 'table' | 'json' | 'csv';
}

async function readStdin(io: CliIo): Promise<string> {
  if (!io.stdin) throw new UsageError('"--query -" needs the query on stdin.');
  let text = '';
  for await (const chunk of io.stdin) text += typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
  return text;
}

async function parseHuntArgs(args: readonly string[], io: CliIo): Promise<HuntOptions> {
  const parsed = parseArgs(args, SPEC);
  if (parsed.positionals.length > 0) throw new UsageError('unexpected argument; give the query with --query or --file.');
  const inline = parsed.options.get('query');
  const file = parsed.options.get('file');
  if ((inline === undefined) === (file === undefined)) throw new UsageError('give exactly one of --query and --file.');
  if (parsed.options.has('json') && parsed.options.has('csv')) throw new UsageError('give at most one of --json and --csv.');
  const timespan = parsed.options.get('timespan');
  if (typeof timespan === 'string' && !TIMESPAN.test(timespan))
    throw new UsageError('"--timespan" needs an ISO 8601 duration (e.g. P1D, PT6H) or interval (start/end).');
  let endpoint: GraphEndpoint;
  try {
    endpoint = resolveGraphEndpoint(parsed.options.get('graph-endpoint') as string | undefined);
  } catch (error) {
    if (error instanceof GraphEndpointError) throw new UsageError(error.message);
    throw error;
  }
  let query: string;
  if (typeof file === 'string') {
    try {
      query = await readFile(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'unreadable'}).`);
    }
  } else query = inline === '-' ? await readStdin(io) : String(inline);
  if (!query.trim()) throw new UsageError('the query is empty.');
  const format = parsed.options.has('json') ? 'json' : parsed.options.has('csv') ? 'csv' : 'table';
  return { query, timespan: typeof timespan === 'string' ? timespan : undefined, endpoint, format };
}

/** A token provider: the environment variable, else DefaultAzureCredential (loaded on first use). */
export function graphTokenProvider(
  endpoint: GraphEndpoint,
  env: NodeJS.ProcessEnv = process.env,
): (signal?: AbortSignal) => Promise<string> {
  const fromEnv = env[GRAPH_TOKEN_ENV]?.trim();
  if (fromEnv) return () => Promise.resolve(fromEnv);
  return async (signal) => {
    const { DefaultAzureCredential } = await import('@azure/identity');
    const token = await new DefaultAzureCredential().getToken(endpoint.scope, { abortSignal: signal });
    if (!token) throw new Error('DefaultAzureCredential returned no token; sign in with "az login" or set ' + GRAPH_TOKEN_ENV + '.');
    return token.token;
  };
}

async function runHunt(args: readonly string[], io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const options = await parseHuntArgs(args, io);
  const started = Date.now();
  const result = await runHuntingQuery({
    endpoint: options.endpoint.origin,
    getToken: graphTokenProvider(options.endpoint, env),
    query: options.query,
    timespan: options.timespan,
    signal: io.signal,
    onWait: (wait) => {
      if (wait.secondsLeft > 0 && (wait.secondsLeft % 5 === 0 || wait.secondsLeft <= 3))
        io.stderr.write(`Advanced Hunting is throttling: retry ${wait.retry} of ${wait.maxRetries} in ${wait.secondsLeft} s\n`);
    },
  });
  if (options.format === 'json') io.stdout.write(`${jsonLines(result.results)}\n`);
  else if (options.format === 'csv') io.stdout.write(resultCsv(result));
  else io.stdout.write(resultTable(result, terminalSafe));
  const n = result.results.length;
  io.stderr.write(`${n} row${n === 1 ? '' : 's'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return 0;
}

export const huntCommand: CliCommand = {
  name: 'hunt',
  summary: 'Run a KQL query in Advanced Hunting through Microsoft Graph (table, --json or --csv)',
  usage: USAGE,
  run: (args, io) => runHunt(args, io),
};
