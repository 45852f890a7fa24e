/**
 * Text for a VS Code notification that may carry untrusted parts (an error description from a hub, a
 * table name from a record). Notifications turn `[label](command:...)`, `(https:...)` and `(file:...)`
 * into clickable links, so a hostile hub could otherwise offer the user a command link. The link
 * syntax is broken (`](` becomes `] (`), control characters and line breaks become spaces, and the
 * length is capped.
 */
export function notificationText(text: string, max = 1000): string {
  const flat = text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, ' ');
  const short = flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
  return short.replace(/\]\s*\(/g, '] (');
}
