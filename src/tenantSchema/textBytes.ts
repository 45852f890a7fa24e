/**
 * Text of an imported file: UTF-8 (with or without a byte order mark), or UTF-16 with its byte order
 * mark (what spreadsheet programs save as "Unicode text"). Invalid UTF-8 is an error, not mojibake.
 */
export function decodeImportedText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new Error('The file is not UTF-8 or UTF-16 text.');
  }
}
