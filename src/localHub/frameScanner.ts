/** "AMQP" as the first four bytes of a protocol header. */
const MAGIC = Buffer.from('AMQP', 'latin1');
const HEADER_SIZE = 8;
/** Bytes needed to know the next unit's size: a frame's size field, or the "AMQP" of a header. */
const SIZE_FIELD = 4;
const FRAME_HEADER_SIZE = 8;
/** The SASL header, then the AMQP header after the SASL outcome: never more than two. */
const MAX_HEADERS = 2;

export class FramingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FramingError';
  }
}

/**
 * Cuts the bytes a peer sends into whole protocol units (8-byte protocol headers and frames) without
 * decoding them. A frame's declared size is checked when its 4-byte size field arrives, so an oversize
 * frame is refused before any of its body is held. Holds at most one incomplete unit (`bufferedBytes`).
 */
export class FrameScanner {
  private held: Buffer[] = [];
  private heldBytes = 0;
  /** Size of the unit being held; 0 while its size is not known yet. */
  private needed = 0;
  private expectHeader = true;
  private headers = 0;
  /** Why the scan stopped: a FramingError, or what `admit` threw. */
  error: Error | undefined;

  /**
   * `admit(size)` sees every declared frame size within the limit before any of the frame is held; it may
   * throw to refuse it (e.g. a frame larger than what is left of a byte budget).
   */
  constructor(
    private readonly maxFrameSize: number,
    private readonly admit: (size: number) => void = () => undefined,
  ) {}

  /** Bytes of an incomplete unit held right now. */
  get bufferedBytes(): number {
    return this.heldBytes;
  }

  /**
   * The whole units completed by `chunk`, in order (subarrays of `chunk` where possible). Bytes that are
   * not AMQP framing, or a frame larger than allowed, stop the scan: `error` is set, the units before it
   * are still returned, and nothing more is held or returned.
   */
  push(chunk: Buffer): Buffer[] {
    const units: Buffer[] = [];
    if (this.error) return units;
    let offset = 0;
    try {
      while (offset < chunk.length) {
        if (this.heldBytes > 0 || chunk.length - offset < SIZE_FIELD) {
          offset = this.fill(chunk, offset, units);
          continue;
        }
        const size = this.unitSize(chunk, offset);
        if (chunk.length - offset < size) {
          this.hold(chunk.subarray(offset), size);
          break;
        }
        units.push(chunk.subarray(offset, offset + size));
        offset += size;
      }
    } catch (error) {
      this.error = error instanceof Error ? error : new Error(String(error));
      this.release();
    }
    return units;
  }

  /** Drops whatever is held (the connection is closing). */
  release(): void {
    this.held = [];
    this.heldBytes = 0;
    this.needed = 0;
  }

  /** Adds bytes to the held unit; emits it when complete. Returns the new offset in `chunk`. */
  private fill(chunk: Buffer, offset: number, units: Buffer[]): number {
    if (this.needed === 0) {
      // Enough bytes to read the unit's size (a header's magic, a frame's size field)?
      const want = SIZE_FIELD - this.heldBytes;
      const take = Math.min(want, chunk.length - offset);
      this.held.push(Buffer.from(chunk.subarray(offset, offset + take)));
      this.heldBytes += take;
      offset += take;
      if (take < want) return offset;
      const head = Buffer.concat(this.held, this.heldBytes);
      this.held = [head];
      this.needed = this.unitSize(head, 0);
    }
    const take = Math.min(this.needed - this.heldBytes, chunk.length - offset);
    this.held.push(chunk.subarray(offset, offset + take));
    this.heldBytes += take;
    offset += take;
    if (this.heldBytes === this.needed) {
      units.push(Buffer.concat(this.held, this.heldBytes));
      this.held = [];
      this.heldBytes = 0;
      this.needed = 0;
    } else if (take > 0) {
      // Copy what is held, so a big chunk is not kept alive by a small tail of it.
      this.held[this.held.length - 1] = Buffer.from(this.held[this.held.length - 1]);
    }
    return offset;
  }

  private hold(tail: Buffer, size: number): void {
    this.held = [Buffer.from(tail)];
    this.heldBytes = tail.length;
    this.needed = size;
  }

  /** The size of the unit starting at `offset` (at least SIZE_FIELD bytes there); checks it. */
  private unitSize(buffer: Buffer, offset: number): number {
    const isHeader = buffer.compare(MAGIC, 0, 4, offset, offset + 4) === 0;
    if (this.expectHeader || isHeader) {
      if (!isHeader) throw new FramingError('The peer did not start with an AMQP protocol header.');
      if (this.headers >= MAX_HEADERS) throw new FramingError('The peer sent more protocol headers than AMQP allows.');
      this.headers += 1;
      this.expectHeader = false;
      return HEADER_SIZE;
    }
    const size = buffer.readUInt32BE(offset);
    if (size < FRAME_HEADER_SIZE)
      throw new FramingError(`The peer declared a frame of ${size} bytes; a frame is at least ${FRAME_HEADER_SIZE}.`);
    if (size > this.maxFrameSize) throw new FramingError(`The peer declared a frame of ${size} bytes; the limit is ${this.maxFrameSize}.`);
    this.admit(size);
    return size;
  }
}
