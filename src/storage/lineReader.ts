/** One complete line of a blob: its bytes (without the line break) and where it starts in the blob. */
export interface BlobLine {
  readonly bytes: Uint8Array;
  readonly offset: number;
  /** The line was longer than the reader keeps: `bytes` holds only its first `maxLineBytes` bytes. */
  readonly truncated?: boolean;
  /** The line's whole length in bytes (without the line break). */
  readonly length: number;
}

export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

const LF = 0x0a;
const CR = 0x0d;

/**
 * Splits the bytes of a growing blob into lines, chunk by chunk. A line cut by the end of a chunk (a write
 * still in progress, or a read that ended there) is held until its line break arrives; at most
 * `maxLineBytes` of it are held, the rest is counted and dropped (the line then comes out `truncated`).
 * Empty lines and a `\r` before the `\n` are dropped. Memory: the held part of one line.
 */
export class LineReader {
  private held: Uint8Array[] = [];
  private heldBytes = 0;
  /** Bytes of the held line beyond `maxLineBytes`, dropped. */
  private dropped = 0;
  /** Blob offset of the next byte to come. */
  private position: number;
  /** Blob offset where the held line starts. */
  private lineStart: number;

  constructor(
    offset = 0,
    private readonly maxLineBytes = DEFAULT_MAX_LINE_BYTES,
  ) {
    this.position = offset;
    this.lineStart = offset;
  }

  /** The blob offset of the next byte expected. */
  get offset(): number {
    return this.position;
  }

  /** Bytes of an incomplete line waiting for its end (held or dropped). */
  get pendingBytes(): number {
    return this.heldBytes + this.dropped;
  }

  /** Blob offset of the first byte not yet returned in a complete line (where a new reader would resume). */
  get committedOffset(): number {
    return this.lineStart;
  }

  /** Adds the next bytes of the blob; returns the lines they complete, in order. */
  push(chunk: Uint8Array): BlobLine[] {
    const lines: BlobLine[] = [];
    let from = 0;
    for (;;) {
      const at = chunk.indexOf(LF, from);
      if (at < 0) break;
      this.emit(chunk.subarray(from, at), lines);
      this.lineStart = this.position + at + 1;
      from = at + 1;
    }
    if (from < chunk.length) this.hold(chunk.subarray(from));
    this.position += chunk.length;
    return lines;
  }

  /** The held incomplete line as a line (at the end of a blob that will not grow any more), if any. */
  flush(): BlobLine[] {
    const lines: BlobLine[] = [];
    if (this.pendingBytes > 0) this.emit(new Uint8Array(0), lines);
    this.lineStart = this.position;
    return lines;
  }

  private hold(part: Uint8Array): void {
    const room = this.maxLineBytes - this.heldBytes;
    if (room >= part.length) {
      this.held.push(Uint8Array.from(part)); // a copy: the chunk is not kept alive
      this.heldBytes += part.length;
    } else {
      if (room > 0) {
        this.held.push(Uint8Array.from(part.subarray(0, room)));
        this.heldBytes += room;
      }
      this.dropped += part.length - Math.max(room, 0);
    }
  }

  private emit(tail: Uint8Array, out: BlobLine[]): void {
    const offset = this.lineStart;
    let bytes: Uint8Array;
    let length: number;
    let truncated = this.dropped > 0;
    if (this.heldBytes === 0 && !truncated) {
      bytes = tail;
      length = tail.length;
      if (length > this.maxLineBytes) {
        bytes = tail.subarray(0, this.maxLineBytes);
        truncated = true;
      }
    } else {
      length = this.heldBytes + this.dropped + tail.length;
      const room = this.maxLineBytes - this.heldBytes;
      const kept = truncated ? 0 : Math.min(room, tail.length);
      if (kept < tail.length) truncated = true;
      const joined = new Uint8Array(this.heldBytes + kept);
      let at = 0;
      for (const part of this.held) {
        joined.set(part, at);
        at += part.length;
      }
      joined.set(tail.subarray(0, kept), at);
      bytes = joined;
      this.held = [];
      this.heldBytes = 0;
      this.dropped = 0;
    }
    if (!truncated && bytes.length > 0 && bytes[bytes.length - 1] === CR) {
      bytes = bytes.subarray(0, bytes.length - 1);
      length--;
    }
    if (length === 0 || (!truncated && isBlank(bytes))) return;
    out.push(truncated ? { bytes, offset, length, truncated } : { bytes, offset, length });
  }
}

function isBlank(bytes: Uint8Array): boolean {
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b !== 0x20 && b !== 0x09 && b !== CR) return false;
  }
  return true;
}
