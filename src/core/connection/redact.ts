/**
 * Removes secret values from any text before it reaches a log, an error message, the clipboard or a
 * webview: `SharedAccessKey=...`, `SharedAccessSignature ...`/`SharedAccessSignature=...` and the `sig=`
 * of a SAS token. The names stay so the reader still knows what was there.
 */
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/(SharedAccessKey\s*=\s*)[^;"'\s]+/gi, '$1***'],
  [/(SharedAccessSignature\s*=\s*)[^;"'\s]+/gi, '$1***'],
  [/(SharedAccessSignature\s+)(?!\*\*\*)[^;"'\s]+/gi, '$1***'],
  [/([?&]sig=)[^&"'\s;]+/gi, '$1***'],
];

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Redacts a message of an unknown error value (Error, string or anything else). */
export function redactError(error: unknown): string {
  const message = error instanceof Error ? error.message || error.name : typeof error === 'string' ? error : JSON.stringify(error);
  return redact(message ?? String(error));
}
