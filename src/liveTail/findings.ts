/** "Validation: 1 error, 2 warnings (see Problems)." from the validator's findings. */
export function describeFindings(findings: readonly unknown[]): string {
  let errors = 0;
  let warnings = 0;
  for (const f of findings) {
    const severity = typeof f === 'object' && f !== null ? (f as { severity?: unknown }).severity : undefined;
    if (severity === 'error') errors++;
    else if (severity === 'warning') warnings++;
  }
  if (findings.length === 0) return 'Validation: no findings.';
  const parts = [
    errors ? `${errors} error${errors === 1 ? '' : 's'}` : '',
    warnings ? `${warnings} warning${warnings === 1 ? '' : 's'}` : '',
  ].filter(Boolean);
  const other = findings.length - errors - warnings;
  if (other) parts.push(`${other} info${other === 1 ? '' : 's'}`);
  return `Validation: ${parts.join(', ')} (see Problems).`;
}
