/** Size of one slab: a few dozen typical records. */
const SLAB_BYTES = 64 * 1024;
/** Pieces larger than this get their own allocation, so a slab is never mostly one record. */
const OWN_ALLOCATION_ABOVE = SLAB_BYTES / 4;

/**
 * Copies byte ranges into slabs of its own, one after another. The tail keeps the newest records and
 * drops the oldest first, so slabs fill and free in order: the copies cost little more than their bytes,
 * and unlike Node's shared Buffer pool no foreign allocation can keep a slab alive, nor can a record keep
 * alive the network buffer it was received in.
 */
export class ByteArena {
  private slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
  private used = 0;
  private lastOffset = 0;

  /**
   * Copies `source[start, end)` and returns the buffer the copy is in, at `offset` (no view object is
   * made per copy: the caller keeps the buffer, the offset and the length).
   */
  copy(source: Uint8Array, start: number, end: number): Buffer {
    const length = end - start;
    if (length > OWN_ALLOCATION_ABOVE) {
      const own = Buffer.allocUnsafeSlow(length);
      own.set(source.subarray(start, end));
      this.lastOffset = 0;
      return own;
    }
    if (this.used + length > SLAB_BYTES) {
      this.slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
      this.used = 0;
    }
    const at = this.used;
    this.slab.set(source.subarray(start, end), at);
    this.used = at + length;
    this.lastOffset = at;
    return this.slab;
  }

  /** Where the last copy starts in the buffer `copy` returned. */
  get offset(): number {
    return this.lastOffset;
  }
}
