// The multi-select quick pick behind every `canPickMany` prompt, on a fake vscode.QuickPick: Enter
// with nothing checked takes the highlighted item instead of answering nothing.
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { showMultiPick, type CreateQuickPick } from '../../../src/vscode/support/multiPick';

type Item = vscode.QuickPickItem & { id: string };

/** Just enough of vscode.QuickPick: properties, and the three events the picker listens to. */
class FakeQuickPick {
  items: readonly Item[] = [];
  selectedItems: readonly Item[] = [];
  activeItems: readonly Item[] = [];
  canSelectMany = false;
  busy = false;
  title?: string;
  placeholder?: string;
  matchOnDescription = false;
  matchOnDetail = false;
  ignoreFocusOut = false;
  shown = false;
  disposed = false;
  private readonly listeners = { value: [] as Array<(v: string) => void>, accept: [] as Array<() => void>, hide: [] as Array<() => void> };
  private on<K extends keyof FakeQuickPick['listeners']>(kind: K) {
    return (listener: FakeQuickPick['listeners'][K][number]) => {
      (this.listeners[kind] as unknown[]).push(listener);
      return { dispose: () => undefined };
    };
  }
  onDidChangeValue = this.on('value');
  onDidAccept = this.on('accept');
  onDidHide = this.on('hide');
  show(): void {
    this.shown = true;
  }
  hide(): void {
    for (const l of this.listeners.hide) l();
  }
  dispose(): void {
    this.disposed = true;
  }
  type(value: string): void {
    for (const l of this.listeners.value) l(value);
  }
  accept(): void {
    for (const l of this.listeners.accept) l();
  }
}

function harness(): { create: CreateQuickPick; pick: () => FakeQuickPick } {
  let last: FakeQuickPick | undefined;
  return {
    create: (() => (last = new FakeQuickPick())) as unknown as CreateQuickPick,
    pick: () => last!,
  };
}

const items: Item[] = [
  { label: 'AlertInfo', id: 'a' },
  { label: 'DeviceEvents', id: 'b', picked: false },
  { label: 'DeviceProcessEvents', id: 'c' },
];
const ids = (answer: Item[] | undefined) => answer?.map((i) => i.id);

describe('vscode glue: the multi-select quick pick', () => {
  it('answers the checked items, checking the preselected ones when it opens', async () => {
    const h = harness();
    const answer = showMultiPick(h.create, [{ ...items[0], picked: true }, items[1], items[2]], { title: 'T', placeHolder: 'P' });
    const pick = h.pick();
    assert.equal(pick.canSelectMany, true);
    assert.equal(pick.shown, true);
    assert.equal(pick.title, 'T');
    assert.equal(pick.placeholder, 'P');
    assert.deepEqual(ids([...pick.selectedItems]), ['a']);
    pick.selectedItems = [items[0], items[2]];
    pick.accept();
    assert.deepEqual(ids(await answer), ['a', 'c']);
    assert.equal(pick.disposed, true);
  });

  it('Enter with nothing checked takes the highlighted item (the first one when it opens)', async () => {
    const h = harness();
    const answer = showMultiPick(h.create, items, {});
    h.pick().accept();
    assert.deepEqual(ids(await answer), ['a']);

    const moved = harness();
    const second = showMultiPick(moved.create, items, {});
    moved.pick().activeItems = [items[1]]; // arrow down
    moved.pick().accept();
    assert.deepEqual(ids(await second), ['b']);
  });

  it('typing a filter highlights the first item it matches, so Enter takes that one', async () => {
    const h = harness();
    const answer = showMultiPick(h.create, items, {});
    h.pick().type('process');
    assert.deepEqual(ids([...h.pick().activeItems]), ['c']);
    h.pick().type('proc'); // still matches the highlighted item: stays
    assert.deepEqual(ids([...h.pick().activeItems]), ['c']);
    h.pick().accept();
    assert.deepEqual(ids(await answer), ['c']);
  });

  it('answers nothing when nothing is checked or highlighted, and undefined when dismissed', async () => {
    const empty = harness();
    const none = showMultiPick(empty.create, items, {});
    empty.pick().activeItems = [];
    empty.pick().accept();
    assert.deepEqual(await none, []);

    const h = harness();
    const dismissed = showMultiPick(h.create, items, {});
    h.pick().hide();
    assert.equal(await dismissed, undefined);
    assert.equal(h.pick().disposed, true);
  });

  it('waits for items given as a promise, busy meanwhile', async () => {
    const h = harness();
    let deliver: (list: readonly Item[]) => void = () => undefined;
    const answer = showMultiPick(h.create, new Promise<readonly Item[]>((r) => (deliver = r)), {});
    assert.equal(h.pick().busy, true);
    deliver(items);
    await new Promise((r) => setImmediate(r));
    assert.equal(h.pick().busy, false);
    assert.equal(h.pick().items.length, 3);
    h.pick().accept();
    assert.deepEqual(ids(await answer), ['a']);
  });
});
