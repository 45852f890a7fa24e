import assert from 'node:assert/strict';
import { hubKey } from '../../../src/hubs/hubKey';
import { Emitter } from '../../../src/tail/emitter';
import { TailRegistry, type NewTail } from '../../../src/tail/registry';
import type { TailSession, TailState } from '../../../src/tail/types';

/** Just what the registry reads of a session: its state and state changes. */
function fakeSession(label: string) {
  const states = new Emitter<TailState>();
  const session = { label, state: { kind: 'connecting' } as TailState, onState: (l: (s: TailState) => void) => states.on(l) };
  const set = (state: TailState): void => {
    session.state = state;
    states.fire(state);
  };
  return { session: session as unknown as TailSession, set, listeners: () => states.size };
}

function tail(kind: NewTail['kind'], hubName: string, session?: TailSession, configId = 'cfg'): NewTail {
  return { kind, configId, hubName, session, reveal: () => undefined, close: () => undefined };
}

describe('tail registry (the one list of running tails: panels, editor tails, the status bar)', () => {
  it('lists running tails; one that failed leaves the list and comes back when it reconnects', () => {
    const registry = new TailRegistry();
    let changes = 0;
    registry.onDidChange(() => changes++);
    const a = fakeSession('a');
    const b = fakeSession('b');
    registry.add(tail('panel', 'hub-a', a.session));
    registry.add(tail('editor', 'hub-b', b.session));
    assert.deepEqual(
      registry.list().map((t) => t.session.label),
      ['a', 'b'],
    );

    b.set({ kind: 'failed', error: 'No connection for 60 s' });
    assert.deepEqual(
      registry.list().map((t) => t.session.label),
      ['a'],
    );
    assert.equal(registry.latest()?.session.label, 'a');
    const before = changes;
    b.set({ kind: 'connecting' }); // Retry
    assert.ok(changes > before, 'the status bar hears of it');
    assert.deepEqual(
      registry.list().map((t) => t.session.label),
      ['a', 'b'],
    );
    assert.equal(registry.latest()?.session.label, 'b');
  });

  it('a stopped session is not counted; the tail leaves the registry only when its registration is disposed', () => {
    const registry = new TailRegistry();
    const a = fakeSession('a');
    const b = fakeSession('b');
    registry.add(tail('panel', 'hub', a.session));
    const registration = registry.add(tail('editor', 'hub', b.session));
    a.set({ kind: 'stopped' });
    assert.deepEqual(
      registry.list().map((t) => t.session.label),
      ['b'],
    );
    assert.equal(registry.all().length, 2, 'the panel is still open');
    b.set({ kind: 'failed', error: 'x' });
    registration.dispose(); // a failed session stays "failed" when stopped: the registration goes
    assert.equal(b.listeners(), 0, 'no longer watched');
    b.set({ kind: 'live' });
    assert.deepEqual(registry.list(), []);
    assert.deepEqual(
      registry.all().map((t) => t.kind),
      ['panel'],
    );
  });

  it("finds a hub's tail by one key, whatever the case of the hub name (Event Hubs names are case-insensitive)", () => {
    const registry = new TailRegistry();
    registry.add(tail('editor', 'Alerts'));
    const panel = registry.add(tail('panel', 'Alerts'));
    registry.add(tail('panel', 'alerts', undefined, 'other-namespace'));
    assert.equal(registry.find('cfg', 'ALERTS', 'panel'), panel.tail);
    assert.equal(registry.find('cfg', 'alerts')?.kind, 'editor', 'the oldest of any kind');
    assert.equal(registry.find('cfg', 'alerts', 'panel')?.key, hubKey('cfg', 'Alerts'));
    assert.equal(hubKey('cfg', 'ALERTS'), hubKey('cfg', 'alerts'));
    assert.notEqual(hubKey('cfg', 'alerts'), hubKey('other-namespace', 'alerts'));
    assert.equal(registry.find('cfg', 'other'), undefined);
    panel.dispose();
    assert.equal(registry.find('cfg', 'Alerts', 'panel'), undefined);
  });

  it('follows the session a panel starts later (and the one its Retry starts), counting only a running one', () => {
    const registry = new TailRegistry();
    const registration = registry.add(tail('panel', 'hub'));
    assert.deepEqual(registry.list(), [], 'no session yet');
    const first = fakeSession('first');
    registration.setSession(first.session);
    assert.equal(registry.latest()?.session.label, 'first');
    first.set({ kind: 'stopped' });
    assert.deepEqual(registry.list(), []);
    const second = fakeSession('second');
    registration.setSession(second.session);
    assert.equal(first.listeners(), 0, 'the old session is no longer watched');
    assert.equal(registry.latest()?.session.label, 'second');
    registration.dispose();
    registration.setSession(fakeSession('late').session); // a session created after the panel closed
    assert.deepEqual(registry.all(), []);
  });
});
