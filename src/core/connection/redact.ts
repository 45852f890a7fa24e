/**
 * Removes secret values from any text before it reaches a log, an error message, the clipboard or a
 * webview: `SharedAccessKey=...`, `SharedAccessSignature ...`/`SharedAccessSignature=...`, the `sig=`
 * of a SAS token, and the same names as JSON properties (`"sharedAccessKey": "..."`). The names stay
 * so the reader still knows what was there.
 */
const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [/(SharedAccessKey\s*=\s*)[^;"'\s]+/gi, '$1***'],
  // A connection string's SAS part is itself "SharedAccessSignature sr=...&sig=...": hide the whole token.
  [/(SharedAccessSignature\s*=\s*)(?:SharedAccessSignature\s+)?[^;"'\s]+/gi, '$1***'],
  [/(SharedAccessSignature\s+)(?!\*\*\*)[^;"'\s]+/gi, '$1***'],
  [/(["']?SharedAccess(?:Key|Signature)["']?\s*:\s*["'])(?:[^"'\\]|\\.)*/gi, '$1***'],
  [/(\bsig=)[^&"'\s;]+/gi, '$1***'],
];

export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** Redacts a message of an unknown error value (Error, string or anything else). Never throws. */
export function redactError(error: unknown): string {
  let message: string | undefined;
  if (error instanceof Error) message = error.message || error.name;
  else if (typeof error === 'string') message = error;
  else {
    try {
      message = JSON.stringify(error);
    } catch {
      // circular structures, BigInt values
    }
  }
  if (message === undefined) {
    try {
      message = String(error);
    } catch {
      message = 'unknown error'; // e.g. an object without a prototype
    }
  }
  return redact(message);
}
