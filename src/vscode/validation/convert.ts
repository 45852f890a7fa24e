import * as vscode from 'vscode';
import type { Finding, Range } from '../../validation/validate';

export const DIAGNOSTIC_SOURCE = 'Defender Stream';

export function toRange(range: Range): vscode.Range {
  return new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
}

function toSeverity(severity: Finding['severity']): vscode.DiagnosticSeverity {
  if (severity === 'error') return vscode.DiagnosticSeverity.Error;
  if (severity === 'warning') return vscode.DiagnosticSeverity.Warning;
  return vscode.DiagnosticSeverity.Information;
}

export function toDiagnostic(finding: Finding): vscode.Diagnostic {
  const diagnostic = new vscode.Diagnostic(toRange(finding.range), finding.message, toSeverity(finding.severity));
  diagnostic.source = DIAGNOSTIC_SOURCE;
  diagnostic.code = finding.code;
  return diagnostic;
}

/** Identifies a diagnostic across the extension host boundary (code actions receive copies). */
export function diagnosticKey(
  code: string,
  range: { start: { line: number; character: number }; end: { line: number; character: number } },
): string {
  return `${code}@${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}
