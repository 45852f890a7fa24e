import { Emitter } from './emitter';
import type { TailDisposable, TailSession } from './types';

/** One running tail as the status bar sees it (a webview panel or an editor document). */
export interface RegisteredTail {
  readonly session: TailSession;
  /** "panel", "editor", ... */
  readonly kind: string;
  /** Brings the tail's panel or document to the front. */
  reveal(): void;
}

/**
 * The tails of this window, so one status bar item can count them all. A tail that failed is not
 * listed, and is listed again once it reconnects (Retry); it leaves the registry when its registration
 * is disposed or its session stops.
 */
export class TailRegistry {
  private readonly tails: RegisteredTail[] = [];
  private readonly changed = new Emitter<void>();

  add(tail: RegisteredTail): TailDisposable {
    this.tails.push(tail);
    const watch = tail.session.onState((state) => {
      if (state.kind === 'stopped') remove();
      else this.changed.fire();
    });
    const remove = (): void => {
      watch.dispose();
      const index = this.tails.indexOf(tail);
      if (index >= 0) {
        this.tails.splice(index, 1);
        this.changed.fire();
      }
    };
    this.changed.fire();
    return { dispose: remove };
  }

  /** The running tails (not failed), oldest first. */
  list(): readonly RegisteredTail[] {
    return this.tails.filter((t) => t.session.state.kind !== 'failed' && t.session.state.kind !== 'stopped');
  }

  /** The most recently started tail, if any. */
  latest(): RegisteredTail | undefined {
    const running = this.list();
    return running[running.length - 1];
  }

  /** Called when a tail is added, removed or changes state. */
  onDidChange(listener: () => void): TailDisposable {
    return this.changed.on(listener);
  }
}

/** The registry of this extension host (the live-tail panel and Tail to Editor both register here). */
export const tailRegistry = new TailRegistry();
