import { readFile } from 'node:fs/promises';
import { validate, type Finding } from '../validation/validate';
import { parseArgs } from './args';
import { schemaOptionOrReport } from './tenantSchemaFile';
import type { CliCommand, CliIo } from './types';
import { UsageError } from './types';

const USAGE = `Usage: defender-stream validate [--json] [--schema FILE] <file>...

Validates sample JSON against the Defender streaming schema: an Event Hubs message {"records": [...]},
a single record, an array of records, or NDJSON (one record or message per line). Prints one line per
finding, like a compiler: file:line:col: severity code message (1-based line and column).

  --json         Print a JSON array of {"file","line","column","severity","code","message"} instead
  --schema FILE  Check rows against a tenant schema (.defender-stream/schema.json, as "Import getschema
                 Result" writes it); tables it lacks are checked against the built-in catalog

Exit code: 0 when no file has an error (warnings and infos are fine), 1 when any has an error,
2 on bad usage, a file that cannot be read or an unusable schema file. Codes are documented in docs/validation-codes.md.`;

export interface CliFinding {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly severity: Finding['severity'];
  readonly code: string;
  readonly message: string;
}

function toCli(file: string, finding: Finding): CliFinding {
  const { line, character } = finding.range.start;
  return { file, line: line + 1, column: character + 1, severity: finding.severity, code: finding.code, message: finding.message };
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

async function runValidate(args: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseArgs(args, { json: 'flag', schema: 'value' });
  const files = parsed.positionals;
  if (files.length === 0) throw new UsageError('no file given.');
  const json = parsed.options.has('json');
  const schema = await schemaOptionOrReport(parsed.options.get('schema'), io, 'validate');
  if (!schema) return 2;
  const all: CliFinding[] = [];
  let unreadable = 0;
  for (const file of files) {
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      unreadable++;
      const reason = (error as NodeJS.ErrnoException).code ?? 'cannot be read';
      io.stderr.write(`defender-stream validate: cannot read ${file} (${reason})\n`);
      continue;
    }
    const findings = validate(text, { fileName: file, schema }).map((f) => toCli(file, f));
    if (!json) for (const f of findings) io.stdout.write(`${f.file}:${f.line}:${f.column}: ${f.severity} ${f.code} ${f.message}\n`);
    for (const f of findings) all.push(f); // not push(...findings): a spread of 100,000+ findings overflows the stack
  }
  if (json) io.stdout.write(`${JSON.stringify(all, null, 2)}\n`);
  const errors = all.filter((f) => f.severity === 'error').length;
  const warnings = all.filter((f) => f.severity === 'warning').length;
  if (!json) {
    const checked = files.length - unreadable;
    io.stderr.write(`${plural(errors, 'error')}, ${plural(warnings, 'warning')} in ${plural(checked, 'file')}\n`);
  }
  if (unreadable > 0) return 2;
  return errors > 0 ? 1 : 0;
}

export const validateCommand: CliCommand = {
  name: 'validate',
  summary: 'Check sample JSON/NDJSON files against the Defender streaming schema',
  usage: USAGE,
  run: (args, io) => runValidate(args, io),
};
