import assert from 'node:assert/strict';
import { Emitter } from '../../../src/tail/emitter';
import { TailRegistry } from '../../../src/tail/registry';
import type { TailSession, TailState } from '../../../src/tail/types';

/** Just what the registry reads of a session: its state and state changes. */
function fakeSession(label: string) {
  const states = new Emitter<TailState>();
  const session = { label, state: { kind: 'connecting' } as TailState, onState: (l: (s: TailState) => void) => states.on(l) };
  const set = (state: TailState): void => {
    session.state = state;
    states.fire(state);
  };
  return { session: session as unknown as TailSession, set };
}

describe('tail registry (what the status bar counts)', () => {
  it('lists running tails; one that failed leaves the list and comes back when it reconnects', () => {
    const registry = new TailRegistry();
    let changes = 0;
    registry.onDidChange(() => changes++);
    const a = fakeSession('a');
    const b = fakeSession('b');
    registry.add({ session: a.session, kind: 'panel', reveal: () => undefined });
    registry.add({ session: b.session, kind: 'editor', reveal: () => undefined });
    assert.deepEqual(registry.list().map((t) => t.session.label), ['a', 'b']);

    b.set({ kind: 'failed', error: 'No connection for 60 s' });
    assert.deepEqual(registry.list().map((t) => t.session.label), ['a']);
    assert.equal(registry.latest()?.session.label, 'a');
    const before = changes;
    b.set({ kind: 'connecting' }); // Retry
    assert.ok(changes > before, 'the status bar hears of it');
    assert.deepEqual(registry.list().map((t) => t.session.label), ['a', 'b']);
    assert.equal(registry.latest()?.session.label, 'b');
  });

  it('forgets a tail when its session stops or its registration is disposed', () => {
    const registry = new TailRegistry();
    const a = fakeSession('a');
    const b = fakeSession('b');
    registry.add({ session: a.session, kind: 'panel', reveal: () => undefined });
    const registration = registry.add({ session: b.session, kind: 'editor', reveal: () => undefined });
    a.set({ kind: 'stopped' });
    a.set({ kind: 'connecting' }); // no longer watched
    assert.deepEqual(registry.list().map((t) => t.session.label), ['b']);
    b.set({ kind: 'failed', error: 'x' });
    registration.dispose();
    b.set({ kind: 'live' });
    assert.deepEqual(registry.list(), []);
  });
});
