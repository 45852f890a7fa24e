// Pure entry point for other features (the tail panel's "Validate" in its detail pane): no vscode import.
import type { SchemaLookup } from '../../core/catalog/schemaLookup';
import { validate, type Finding } from '../../validation/validate';

export type { Finding, FindingFix, Position, Range, Severity } from '../../validation/validate';

export interface TextValidation {
  readonly findings: Finding[];
  readonly errors: number;
  readonly warnings: number;
  readonly infos: number;
  /** "No findings" or e.g. "1 error, 2 warnings". */
  readonly summary: string;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

export function summarize(findings: readonly Finding[]): Omit<TextValidation, 'findings'> {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  const parts = [
    errors > 0 ? plural(errors, 'error') : '',
    warnings > 0 ? plural(warnings, 'warning') : '',
    infos > 0 ? plural(infos, 'info') : '',
  ].filter(Boolean);
  return { errors, warnings, infos, summary: parts.length > 0 ? parts.join(', ') : 'No findings' };
}

/**
 * Validates one record, message or NDJSON text (e.g. a record from the live tail, as JSON text) against
 * `schema` (the workspace's tenant schema over the catalog: `loadWorkspaceSchemaLookup()`; default the catalog).
 */
export function validateText(text: string, fileName?: string, schema?: SchemaLookup): TextValidation {
  const findings = validate(text, { fileName, schema });
  return { findings, ...summarize(findings) };
}
