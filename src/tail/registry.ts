import type { ShapeLearner } from '../drift/shapeLearner';
import { hubKey } from '../hubs/hubKey';
import { Emitter } from './emitter';
import type { TailDisposable, TailSession } from './types';

/** What shows a tail: a Live Tail panel or a Tail to Editor document. */
export type TailKind = 'panel' | 'editor';

/** One tail of this window, from when its panel or document opens until it closes. */
export interface RegisteredTail {
  readonly kind: TailKind;
  readonly configId: string;
  readonly hubName: string;
  /** `hubKey(configId, hubName)`: the hub's name in any case is the same hub. */
  readonly key: string;
  /** Its session; none while the first one is being created (a panel's Retry may start another). */
  readonly session: TailSession | undefined;
  /** What learns the shape of its records (a Live Tail panel's Schema view), for Report Schema Drift. */
  readonly shapes?: ShapeLearner;
  /** Brings the tail's panel or document to the front. */
  reveal(): void;
  /** Stops the tail and closes its panel (an editor tail stops; its document stays until the user closes it). */
  close(): void;
}

/** A tail whose session is connecting, live or reconnecting: what the status bar counts. */
export type RunningTail = RegisteredTail & { readonly session: TailSession };

export interface TailRegistration extends TailDisposable {
  readonly tail: RegisteredTail;
  /** The tail's session from now on (the registry follows its state). */
  setSession(session: TailSession | undefined): void;
}

export interface NewTail {
  readonly kind: TailKind;
  readonly configId: string;
  readonly hubName: string;
  readonly session?: TailSession;
  readonly shapes?: ShapeLearner;
  reveal(): void;
  close(): void;
}

class Entry implements RegisteredTail {
  readonly key: string;
  session: TailSession | undefined;

  constructor(private readonly info: NewTail) {
    this.key = hubKey(info.configId, info.hubName);
    this.session = info.session;
  }

  get kind(): TailKind {
    return this.info.kind;
  }
  get configId(): string {
    return this.info.configId;
  }
  get hubName(): string {
    return this.info.hubName;
  }
  get shapes(): ShapeLearner | undefined {
    return this.info.shapes;
  }
  reveal(): void {
    this.info.reveal();
  }
  close(): void {
    this.info.close();
  }
}

/**
 * The one registry of the tails of this window, keyed by `hubKey`: the Live Tail panel finds the panel
 * already open on a hub here, the status bar counts the running tails and reveals the latest, and
 * deactivation closes them all. A tail stays registered until its registration is disposed (its panel
 * or document closed); it is counted as running while its session is neither failed nor stopped, so a
 * tail that failed is counted again once Retry reconnects it.
 */
export class TailRegistry {
  private readonly tails: Entry[] = [];
  private readonly changed = new Emitter<void>();

  add(tail: NewTail): TailRegistration {
    const entry = new Entry(tail);
    this.tails.push(entry);
    let watch: TailDisposable | undefined;
    const follow = (session: TailSession | undefined): void => {
      watch?.dispose();
      entry.session = session;
      watch = session?.onState(() => this.changed.fire());
    };
    follow(tail.session);
    let disposed = false;
    this.changed.fire();
    return {
      tail: entry,
      setSession: (session) => {
        if (disposed) return;
        follow(session);
        this.changed.fire();
      },
      dispose: () => {
        if (disposed) return;
        disposed = true;
        watch?.dispose();
        const index = this.tails.indexOf(entry);
        if (index >= 0) this.tails.splice(index, 1);
        this.changed.fire();
      },
    };
  }

  /** Every registered tail (running or not), oldest first; `kind` narrows. */
  all(kind?: TailKind): readonly RegisteredTail[] {
    return kind === undefined ? [...this.tails] : this.tails.filter((t) => t.kind === kind);
  }

  /** The oldest registered tail of this hub (its name in any case), of `kind` when given. */
  find(configId: string, hubName: string, kind?: TailKind): RegisteredTail | undefined {
    const key = hubKey(configId, hubName);
    return this.tails.find((t) => t.key === key && (kind === undefined || t.kind === kind));
  }

  /** The running tails (connecting, live or reconnecting), oldest first. */
  list(): readonly RunningTail[] {
    return this.tails.filter(
      (t): t is Entry & RunningTail => t.session !== undefined && t.session.state.kind !== 'failed' && t.session.state.kind !== 'stopped',
    );
  }

  /** The most recently registered running tail, if any. */
  latest(): RunningTail | undefined {
    const running = this.list();
    return running[running.length - 1];
  }

  /** Called when a tail is added, removed, gets a session or its session changes state. */
  onDidChange(listener: () => void): TailDisposable {
    return this.changed.on(listener);
  }
}

/** The registry of this extension host: the Live Tail panels, Tail to Editor and the status bar use this one. */
export const tailRegistry = new TailRegistry();
