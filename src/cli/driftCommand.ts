import { readFile, stat } from 'node:fs/promises';
import { driftFindings, driftReport, type DriftReport } from '../drift/compareShapes';
import { learnText } from '../drift/learnText';
import { ShapeLearner } from '../drift/shapeLearner';
import { terminalSafe } from '../tail/summary';
import { parseArgs } from './args';
import { jsonLines } from './output';
import { schemaOptionOrReport } from './tenantSchemaFile';
import type { CliCommand, CliIo } from './types';
import { UsageError } from './types';

const USAGE = `Usage: defender-stream drift [--json] [--schema FILE] <file>...

Learns the shape of the records in sample files (Event Hubs message bodies {"records": [...]}, records,
arrays of records, or NDJSON) and compares it with the schema: per table, the columns the schema lacks,
the schema's columns never seen, and values whose JSON type the column's Kusto type does not accept
(tolerating what real streams do), with counts; tables no schema knows.

  --json           Print a JSON array of {"table","column","kind","count","expected"?,"seen"?} instead
                   (kind: unknownColumn, unseenColumn, typeConflict, unknownTable)
  --schema FILE    Check against a tenant schema (JSON: {"version":1,"updatedAt","source","tables":
                   {"<Table>":{"columns":[{"name","type"}]}}}) over the extension's catalog

Exit code: 0 when nothing drifts (schema columns never seen are normal), 1 when a column the schema lacks,
a type conflict or an unknown table was found, 2 on bad usage or a file that cannot be read.`;

/** Largest sample file read (the whole file is held as one string). */
export const MAX_DRIFT_FILE_BYTES = 512 * 1024 * 1024;

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}

const safe = (text: string): string => terminalSafe(text.length > 200 ? `${text.slice(0, 200)}…` : text);

/** The report as lines for people: per table with something to say, one line per finding. */
function textLines(report: DriftReport): string[] {
  const out: string[] = [];
  for (const t of report.tables) {
    if (t.origin === undefined) {
      out.push(`${safe(t.table)}: ${plural(t.received, 'record')}, no schema knows this table`);
      continue;
    }
    if (t.unknownColumns.length + t.conflicts.length + t.unseenColumns.length === 0) continue;
    out.push(`${safe(t.table)}: ${plural(t.received, 'record')} (${t.origin === 'tenant' ? 'tenant schema' : 'catalog'})`);
    for (const c of t.unknownColumns)
      out.push(`  not in schema  ${safe(c.name)}: ${plural(c.count, 'record')}, ${c.kinds.map(([k]) => k).join('/')}`);
    for (const c of t.conflicts)
      out.push(
        `  type conflict  ${safe(c.name)}: expected ${safe(String(c.expected))}, seen ${c.seen.join(', ')} (${plural(c.count, 'value')})`,
      );
    if (t.unseenColumns.length > 0)
      out.push(
        `  never seen     ${plural(t.unseenColumns.length, 'schema column')}: ${t.unseenColumns.map((c) => `${safe(c.name)} (${safe(c.type)})`).join(', ')}`,
      );
  }
  return out;
}

async function runDrift(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { json: 'flag', schema: 'value' });
  const files = parsed.positionals;
  if (files.length === 0) throw new UsageError('no file given.');
  const lookup = await schemaOptionOrReport(parsed.options.get('schema'), io, 'drift');
  if (!lookup) return 2;
  const learner = new ShapeLearner();
  let unreadable = 0;
  let malformed = 0;
  for (const file of files) {
    let text: string;
    try {
      const info = await stat(file);
      if (info.size > MAX_DRIFT_FILE_BYTES) {
        unreadable++;
        io.stderr.write(
          `defender-stream drift: ${file} is over ${MAX_DRIFT_FILE_BYTES / 1024 / 1024} MB; split it (NDJSON splits by line)\n`,
        );
        continue;
      }
      text = await readFile(file, 'utf8');
    } catch (error) {
      unreadable++;
      io.stderr.write(`defender-stream drift: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'cannot be read'})\n`);
      continue;
    }
    malformed += learnText(learner, text, file).malformed;
  }
  const report = driftReport(learner, lookup);
  const findings = driftFindings(report);
  if (parsed.options.has('json')) io.stdout.write(`${jsonLines(findings)}\n`);
  else for (const line of textLines(report)) io.stdout.write(`${line}\n`);
  const n = (kind: string) => findings.filter((f) => f.kind === kind).length;
  const drifting = n('unknownColumn') + n('typeConflict') + n('unknownTable');
  const records = report.tables.reduce((sum, t) => sum + t.received, 0);
  io.stderr.write(
    `${plural(n('unknownColumn'), 'column')} not in the schema, ${plural(n('typeConflict'), 'type conflict')}, ` +
      `${plural(n('unknownTable'), 'unknown table')}, ${plural(n('unseenColumn'), 'schema column')} never seen; ` +
      `${plural(records, 'record')} in ${plural(report.tables.length, 'table')} from ${plural(files.length - unreadable, 'file')}` +
      `${malformed > 0 ? ` (${plural(malformed, 'unit')} without records skipped)` : ''}` +
      `${lookup.tenant ? ', tenant schema over the catalog' : ''}\n`,
  );
  if (unreadable > 0) return 2;
  return drifting > 0 ? 1 : 0;
}

export const driftCommand: CliCommand = {
  name: 'drift',
  summary: 'Compare the records of sample files with the schema (columns missing, unseen, type conflicts)',
  usage: USAGE,
  run: (args, io) => runDrift(args, io),
};
