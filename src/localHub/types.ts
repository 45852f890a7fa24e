import type { LocalHubLimits } from './limits';

/**
 * The contract of the embedded local Event Hubs-compatible hub (implemented in this folder) that the
 * demo, the tests and the benchmarks use. Plain TypeScript: no `vscode` import.
 */
export interface LocalHubOptions {
  /** Loopback port; 0 or absent picks a free one. */
  readonly port?: number;
  /** Host to bind; loopback only ("127.0.0.1" default, or "::1"). */
  readonly host?: string;
  readonly hubs: readonly LocalHubDefinition[];
  /** Shared access policy; defaults: name "RootManageSharedAccessKey", a random key. */
  readonly keyName?: string;
  readonly key?: string;
  /** More shared access policies with only some rights (e.g. Listen only, for a missing Send right); the main one has all. */
  readonly policies?: readonly LocalHubPolicy[];
  /** Oldest events are dropped beyond this many per partition (default 100,000). */
  readonly maxEventsPerPartition?: number;
  /** Oldest events are dropped beyond this many encoded bytes per partition (default 128 MiB). */
  readonly maxBytesPerPartition?: number;
  /** What one peer can make the hub hold (frame and message size, pre-authentication bytes, timeouts, caps); see limits.ts. */
  readonly limits?: Partial<LocalHubLimits>;
}

/** Counters for tests and diagnostics (see `LocalHubServer.diagnostics()`). */
export interface LocalHubDiagnostics {
  /** Sockets open right now. */
  readonly connections: number;
  /** Bytes of incomplete frames held right now, over all connections. */
  readonly bufferedInputBytes: number;
  /** The most bytes of an incomplete frame held for one connection at any time. */
  readonly peakBufferedInputBytes: number;
  /** The most bytes of one incoming message held while its transfer frames arrived. */
  readonly peakDeliveryBytes: number;
  /** Sockets closed at once because of the connection caps. */
  readonly refusedConnections: number;
  /** Connections closed for breaking a limit (frame size, pre-authentication bytes, idle, authentication time, sessions). */
  readonly closedForLimits: number;
}

/** A right of a shared access policy (claims of its tokens), as in Event Hubs. */
export type AccessRight = 'Listen' | 'Send' | 'Manage';

export interface LocalHubPolicy {
  readonly keyName: string;
  readonly key: string;
  readonly rights: readonly AccessRight[];
}

export interface LocalHubDefinition {
  readonly name: string;
  /** Default 4. */
  readonly partitionCount?: number;
  /** `$Default` always exists; these are added. */
  readonly consumerGroups?: readonly string[];
}

export interface LocalHub {
  readonly host: string;
  readonly port: number;
  readonly keyName: string;
  /** `Endpoint=sb://127.0.0.1:PORT;SharedAccessKeyName=...;SharedAccessKey=...;UseDevelopmentEmulator=true` (namespace level). */
  readonly connectionString: string;
  /** Hub-level connection string (with EntityPath). */
  connectionStringFor(hub: string): string;
  readonly hubNames: readonly string[];
  /** Appends events directly (no AMQP), e.g. for traffic generation inside the same process. */
  append(hub: string, events: readonly LocalEvent[], partitionId?: string): void;
  /** Open receiver links right now (for resource-hygiene tests). */
  openReceiverCount(): number;
  /** Closes every client connection abruptly (fault injection); the hub keeps listening. */
  dropAllConnections(): void;
  /** Stops listening and closes connections; events are kept, so start() reopens on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
}

export interface LocalEvent {
  readonly body: Uint8Array | string;
  readonly properties?: Record<string, string | number | boolean>;
  readonly partitionKey?: string;
}
