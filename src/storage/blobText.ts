import type { BlobStore } from './blobStore';
import { LineReader } from './lineReader';

/**
 * An hour blob opened as a read-only NDJSON document: read in ranges, at most `maxLines` lines and `maxBytes`
 * bytes, with a first line that says so when the blob was cut. Plain TypeScript: the VS Code side shows it.
 */

/** The URI scheme of blob documents: `defender-storage:/<account id>/<container>/<blob path>` (never a secret). */
export const BLOB_DOCUMENT_SCHEME = 'defender-storage';

/** The first line of a cut document starts so; validation reads it as blank. */
export const CUT_NOTE_PREFIX = '// ';

/** Bytes read at most, whatever the line limit (VS Code slows down on larger documents). */
export const OPEN_MAX_BYTES = 64 * 1024 * 1024;
export const OPEN_CHUNK_BYTES = 4 * 1024 * 1024;

export interface BlobRef {
  readonly accountId: string;
  readonly container: string;
  readonly blob: string;
}

/** The path of a blob document's URI. */
export function blobDocumentPath(ref: BlobRef): string {
  return `/${ref.accountId}/${ref.container}/${ref.blob}`;
}

/** The blob a document path names, or undefined for a path of another form. */
export function parseBlobDocumentPath(path: string): BlobRef | undefined {
  const m = /^\/([A-Za-z0-9][A-Za-z0-9._-]{0,99})\/([a-z0-9](?:[a-z0-9-]{1,61}[a-z0-9]))\/(.+)$/.exec(path);
  return m ? { accountId: m[1], container: m[2], blob: m[3] } : undefined;
}

export interface BlobText {
  /** The lines shown (with the note first when cut), joined with "\n". */
  readonly text: string;
  /** Record lines shown. */
  readonly lines: number;
  /** Blob bytes read. */
  readonly bytesRead: number;
  /** The blob's size when the read began. */
  readonly size: number;
  readonly cut: boolean;
}

export interface ReadBlobTextOptions {
  readonly maxLines: number;
  readonly maxBytes?: number;
  readonly chunkBytes?: number;
  /** After each ranged read: bytes read so far and the blob's size. */
  readonly onProgress?: (bytesRead: number, size: number) => void;
  /** Asked before each ranged read: true stops reading (the document shows what was read, marked cut). */
  readonly cancelled?: () => boolean;
}

/** Thrown when the blob does not exist; `describeStorageProblem` words it as "gone (404)". */
export class BlobGoneError extends Error {
  readonly statusCode = 404;
  readonly code = 'BlobNotFound';
  constructor() {
    super('The blob does not exist.');
    this.name = 'BlobGoneError';
  }
}

/** Reads the first lines of a blob in ranges of `chunkBytes`, stopping at `maxLines` lines or `maxBytes` bytes. */
export async function readBlobText(store: BlobStore, container: string, blob: string, options: ReadBlobTextOptions): Promise<BlobText> {
  const maxBytes = options.maxBytes ?? OPEN_MAX_BYTES;
  const chunk = Math.max(1, options.chunkBytes ?? OPEN_CHUNK_BYTES);
  const info = await store.properties(container, blob);
  if (!info) throw new BlobGoneError();
  const size = info.size;
  const decoder = new TextDecoder('utf-8');
  const reader = new LineReader(0, maxBytes);
  const out: string[] = [];
  let offset = 0;
  /** Blob bytes up to the end of the last line shown. */
  let shown = 0;
  let more = false;
  while (offset < size && offset < maxBytes && out.length < options.maxLines) {
    if (options.cancelled?.()) break;
    const bytes = await store.read(container, blob, offset, Math.min(chunk, size - offset, maxBytes - offset));
    if (bytes.length === 0) break;
    offset += bytes.length;
    const lines = reader.push(bytes);
    if (offset >= size) lines.push(...reader.flush());
    for (const line of lines) {
      if (out.length >= options.maxLines) {
        more = true;
        break;
      }
      out.push(decoder.decode(line.bytes));
      shown = Math.min(size, line.offset + line.length + 1);
    }
    options.onProgress?.(offset, size);
  }
  const cut = more || offset < size || reader.pendingBytes > 0;
  const lines = out.length;
  const text = (cut ? [cutNote(lines, shown, size, options.maxLines), ...out] : out).join('\n');
  return { text, lines, bytesRead: offset, size, cut };
}

/** The first line of a cut document. */
export function cutNote(lines: number, shownBytes: number, size: number, maxLines: number): string {
  const why = lines >= maxLines ? `defenderStream.storage.openMaxLines is ${maxLines.toLocaleString('en-US')}` : 'the rest was not read';
  return `${CUT_NOTE_PREFIX}Cut: the first ${lines.toLocaleString('en-US')} lines (${megabytes(shownBytes)} of ${megabytes(size)}) of this blob are shown (${why}). This line is not in the blob.`;
}

/** The text validation reads: a cut note's line blanked (same length, so every position stays). */
export function withoutCutNote(text: string): string {
  if (!text.startsWith(CUT_NOTE_PREFIX)) return text;
  const end = text.indexOf('\n');
  const first = end < 0 ? text.length : end;
  return ' '.repeat(first) + text.slice(first);
}

function megabytes(bytes: number): string {
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
