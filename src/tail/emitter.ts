import type { TailDisposable } from './types';

/** A tiny typed event: listeners are called in order; one throwing does not stop the others. */
export class Emitter<T> {
  private listeners: Array<(value: T) => void> = [];

  on(listener: (value: T) => void): TailDisposable {
    this.listeners = [...this.listeners, listener];
    return {
      dispose: () => {
        this.listeners = this.listeners.filter((l) => l !== listener);
      },
    };
  }

  get size(): number {
    return this.listeners.length;
  }

  fire(value: T): void {
    for (const listener of this.listeners) {
      try {
        listener(value);
      } catch {
        // A listener's failure is its own (e.g. a disposed webview); the session goes on.
      }
    }
  }
}
