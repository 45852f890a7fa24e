/**
 * What the local hub lets one peer make it hold: frame and message sizes, bytes before authentication,
 * idle and authentication deadlines, connections and links. Anything beyond is refused or closed with
 * the AMQP error a broker would send, before the excess is buffered.
 */
export interface LocalHubLimits {
  /** Largest frame a peer may send; advertised as the open frame's `max-frame-size`. Default 65,536. */
  readonly maxFrameSize: number;
  /** Largest incoming message (all transfer frames of a delivery); advertised on sender links. Default 1 MiB (Standard tier). */
  readonly maxMessageSize: number;
  /** Bytes a connection may send before a token is accepted on `$cbs`. Default 65,536. */
  readonly preAuthBytes: number;
  /** A connection that has not had a token accepted on `$cbs` by then is closed. Default 60 s. */
  readonly authTimeoutMs: number;
  /** A connection that sends nothing (not even an empty frame) for this long is closed; advertised as `idle-time-out`. Default 120 s. */
  readonly idleTimeoutMs: number;
  /** Open connections per local hub. Default 128. */
  readonly maxConnections: number;
  /** Open connections across every local hub in this process. Default 512. */
  readonly maxTotalConnections: number;
  /** Links (and sessions) per connection: enough for a consumer of every partition of a 1,024-partition hub. Default 1,100. */
  readonly maxLinksPerConnection: number;
}

export const DEFAULT_LIMITS: LocalHubLimits = {
  maxFrameSize: 64 * 1024,
  maxMessageSize: 1024 * 1024,
  preAuthBytes: 64 * 1024,
  authTimeoutMs: 60_000,
  idleTimeoutMs: 120_000,
  maxConnections: 128,
  maxTotalConnections: 512,
  maxLinksPerConnection: 1100,
};

/** Links a connection may hold before a token is accepted: the `$cbs` pair, with room for a re-attach. */
export const PRE_AUTH_LINKS = 4;

/** AMQP's MIN-MAX-FRAME-SIZE: every peer must accept frames this large. */
export const MIN_MAX_FRAME_SIZE = 512;

const RANGES: Record<keyof LocalHubLimits, readonly [number, number]> = {
  maxFrameSize: [MIN_MAX_FRAME_SIZE, 16 * 1024 * 1024],
  maxMessageSize: [MIN_MAX_FRAME_SIZE, 256 * 1024 * 1024],
  preAuthBytes: [1024, 64 * 1024 * 1024],
  authTimeoutMs: [1, 24 * 3600_000],
  idleTimeoutMs: [1, 24 * 3600_000],
  maxConnections: [1, 100_000],
  maxTotalConnections: [1, 100_000],
  maxLinksPerConnection: [PRE_AUTH_LINKS, 65_536],
};

/** The defaults with `overrides` applied, each checked to be a whole number in its range. Throws RangeError. */
export function resolveLimits(overrides: Partial<LocalHubLimits> = {}): LocalHubLimits {
  const limits = { ...DEFAULT_LIMITS, ...stripUndefined(overrides) };
  for (const [name, [min, max]] of Object.entries(RANGES) as Array<[keyof LocalHubLimits, readonly [number, number]]>) {
    const value = limits[name];
    if (!Number.isInteger(value) || value < min || value > max)
      throw new RangeError(`The local hub limit "${name}" must be a whole number from ${min} to ${max}, not ${value}.`);
  }
  // A frame larger than a message would let one frame pass the message size check unseen.
  if (limits.maxFrameSize > limits.maxMessageSize)
    throw new RangeError('The local hub limit "maxFrameSize" must not exceed "maxMessageSize".');
  return limits;
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

let openConnections = 0;

/** Open connections across every local hub in this process (for `maxTotalConnections`). */
export function localHubConnectionCount(): number {
  return openConnections;
}

/** Counts a connection in; returns the function that counts it out (idempotent). */
export function countConnection(): () => void {
  openConnections += 1;
  let counted = true;
  return () => {
    if (counted) {
      counted = false;
      openConnections -= 1;
    }
  };
}
