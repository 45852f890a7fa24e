/**
 * Removes secret values from any text before it reaches a log, an error message, the clipboard, a
 * webview or the terminal: `SharedAccessKey=...`, `SharedAccessSignature ...`/`SharedAccessSignature=...`,
 * a storage `AccountKey=...`, the `sig=` of a SAS token, and the same names as JSON or YAML properties (`"sharedAccessKey": "..."`).
 * Odd spellings are caught too: any letter case, `_`/`-`/space inside the name (`SHARED_ACCESS_KEY`),
 * spaces, quotes or `%3D` around the `=`, and whatever follows the key up to the next `;`, quote or space
 * (so `SharedAccessKey=<key>,junk` is hidden whole). The names stay so the reader knows what was there.
 * A key with no name in front of it cannot be recognised: callers must not echo such text at all.
 */
const KEY = String.raw`Shared[ _-]?Access[ _-]?Key(?![ _-]?Name)`;
const SIGNATURE = String.raw`Shared[ _-]?Access[ _-]?Signature`;
/** The key's name as one word, for the looser forms below (so "shared access key: missing" in prose stays). */
const KEY_WORD = String.raw`Shared[_-]?Access[_-]?Key(?![_-]?Name)`;
/** `=` with spaces, or URL-encoded, then an optional (escaped) quote. */
const EQUALS = String.raw`\s*(?:=|%3D)\s*(?:\\?["'])?`;
/** Not after a letter or digit, so the policy name `RootManageSharedAccessKey` followed by `:` stays. */
const START = String.raw`(?<![A-Za-z0-9])`;

/** A value: up to a ";", quote or space. A backslash escape is kept whole, except an escaped quote, where
 * the value ends, so redacting JSON text (NDJSON output) never breaks an escape sequence. */
const value = (stop: string): string => String.raw`(?:[^${stop};"'\s\\]|\\[^"'])+`;

const PATTERNS: ReadonlyArray<[RegExp, string]> = [
  [new RegExp(`(${KEY}${EQUALS})${value('')}`, 'gi'), '$1***'],
  // A storage account's key (storage connection strings: AccountKey=...).
  [new RegExp(`(${START}Account[ _-]?Key${EQUALS})${value('')}`, 'gi'), '$1***'],
  // A connection string's SAS part is itself "SharedAccessSignature sr=...&sig=...": hide the whole token.
  [new RegExp(`(${SIGNATURE}${EQUALS})(?:${SIGNATURE}\\s+)?${value('')}`, 'gi'), '$1***'],
  [new RegExp(`(SharedAccessSignature\\s+)(?!\\*\\*\\*)${value('')}`, 'gi'), '$1***'],
  // Properties: JSON ("sharedAccessKey": "..."), JSON inside a JSON string (\"sharedAccessKey\":\"...\"), YAML or logs (SharedAccessKey: ...).
  [new RegExp(`(["']?(?:${KEY}|${SIGNATURE})["']?\\s*:\\s*["'])(?:[^"'\\\\]|\\\\.)*`, 'gi'), '$1***'],
  [new RegExp(`((?:${KEY}|${SIGNATURE})\\\\["']\\s*:\\s*\\\\["'])[^"'\\\\]*`, 'gi'), '$1***'],
  [new RegExp(`(${START}${KEY_WORD}\\s*:\\s*)(?!["'*\\s])${value(',}')}`, 'gi'), '$1***'],
  // "SharedAccessKey <key>": a name, spaces, then something as long as a key.
  [new RegExp(`(${START}${KEY_WORD}\\s+)(?!\\*\\*\\*)[A-Za-z0-9+/]{20,}={0,2}`, 'gi'), '$1***'],
  [new RegExp(`(\\bsig=)${value('&')}`, 'gi'), '$1***'],
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
