/**
 * Whether a value the user typed may be quoted back in a message: short, one line, and nothing that
 * could be a key, a SAS token or a connection string (no "=", ";", "+", quotes or backslashes, no
 * long run of base64 characters), and no control or bidirectional-override characters. Values from a
 * connection string are never quoted back at all.
 */
export function mayEcho(value: string): boolean {
  return (
    value.length <= 64 &&
    !/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069=;+"'`\\]/.test(value) &&
    !/[A-Za-z0-9/]{32,}/.test(value) &&
    !/sharedaccess/i.test(value)
  );
}

/** `"value"` when the value may be echoed, else `otherwise` (e.g. "The name"). */
export function quotedOr(value: string, otherwise: string): string {
  return mayEcho(value) ? `"${value}"` : otherwise;
}
