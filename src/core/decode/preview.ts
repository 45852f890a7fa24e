const MAX_PREVIEW = 200;

/**
 * A short printable preview of untrusted text: control characters, bidirectional overrides and other
 * invisible formatting characters are escaped as \uXXXX so that nothing in a preview can reorder or
 * hide text in a terminal or a page.
 */
export function printablePreview(text: string, max = MAX_PREVIEW): string {
  let head = text.length > max ? text.slice(0, max) : text;
  // Do not cut a surrogate pair in half.
  if (head.length < text.length && /[\ud800-\udbff]$/.test(head)) head = head.slice(0, -1);
  const escaped = head.replace(/[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g, (c) =>
    c === '\n' ? '\\n' : c === '\t' ? '\\t' : c === '\r' ? '\\r' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return text.length > max ? `${escaped}…` : escaped;
}

/** Preview of bytes that may not be text: hex when it is not valid UTF-8 text. */
export function bytesPreview(bytes: Uint8Array, max = MAX_PREVIEW): string {
  const slice = bytes.subarray(0, max);
  let binary = 0;
  for (const b of slice) if (b === 0 || b < 9 || (b > 13 && b < 32)) binary++;
  if (binary > 0) {
    const hex = Array.from(slice.subarray(0, 48), (b) => b.toString(16).padStart(2, '0')).join(' ');
    return `binary (${bytes.length} bytes): ${hex}${bytes.length > 48 ? ' …' : ''}`;
  }
  return (
    printablePreview(Buffer.from(slice.buffer, slice.byteOffset, slice.byteLength).toString('utf8'), max) + (bytes.length > max ? '…' : '')
  );
}
