import type { Connection, Sender } from 'rhea';
import { resourceCovers } from './sas';

interface Grant {
  readonly resource: string;
  readonly expiresAt: number;
  /** The rights of the token's policy; undefined: every right. */
  readonly rights?: readonly string[];
}

/** Tokens remembered per connection; beyond this the oldest is forgotten. */
const MAX_GRANTS = 256;

/** What the hub remembers about one client connection: tokens put on `$cbs` and reply links. */
export class ConnectionState {
  private readonly grants: Grant[] = [];
  /** Whether a token was ever accepted on this connection: the pre-authentication limits no longer apply. */
  authenticated = false;
  /** Server-side senders of request/response nodes, by the client's link name. */
  readonly replyLinks = new Map<string, Sender>();
  /** Closes this connection's consumer links (registered by the receiver module). */
  readonly onClose = new Set<() => void>();

  grant(resource: string, expiresAtMs: number, rights?: readonly string[]): void {
    const now = Date.now();
    for (let i = this.grants.length - 1; i >= 0; i--)
      if (this.grants[i].expiresAt <= now || this.grants[i].resource === resource) this.grants.splice(i, 1);
    this.grants.push({ resource, expiresAt: expiresAtMs, rights });
    if (this.grants.length > MAX_GRANTS) this.grants.splice(0, this.grants.length - MAX_GRANTS);
    this.authenticated = true;
  }

  /** Whether any unexpired token was accepted (what `$management` links need, as in Event Hubs). */
  hasValidGrant(now = Date.now()): boolean {
    return this.grants.some((g) => g.expiresAt > now);
  }

  /** Whether an unexpired token covers this entity path (with `right`, when given: Manage implies every right). */
  isAuthorized(path: string, now = Date.now(), right?: string): boolean {
    return this.grants.some(
      (g) =>
        g.expiresAt > now &&
        resourceCovers(g.resource, path) &&
        (right === undefined || g.rights === undefined || g.rights.includes(right) || g.rights.includes('Manage')),
    );
  }

  closed(): void {
    for (const close of [...this.onClose]) close();
    this.onClose.clear();
    this.replyLinks.clear();
  }
}

const states = new WeakMap<Connection, ConnectionState>();

export function stateOf(connection: Connection): ConnectionState {
  let state = states.get(connection);
  if (!state) {
    state = new ConnectionState();
    states.set(connection, state);
  }
  return state;
}
