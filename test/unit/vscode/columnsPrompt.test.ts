// "Columns…" of the Live Tail: the quick pick (multi-select), the order box, and the choice kept in the global state per hub.
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { orCancel } from '../../../src/vscode/support/cancel';
import { COLUMNS_STATE_KEY, promptColumns, readHubColumns } from '../../../src/vscode/liveTail/columnsPrompt';
import type { UserInput } from '../../../src/vscode/support/userInput';

type Item = { label: string; description?: string; picked?: boolean; column?: string; table?: string };

class FakeMemento {
  readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, fallback?: T): T | undefined {
    return (this.values.has(key) ? this.values.get(key) : fallback) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.values.set(key, JSON.parse(JSON.stringify(value)));
  }
}

interface Script {
  table?: (items: Item[]) => Item | undefined;
  columns: (items: Item[]) => Item[] | undefined;
  order?: (value: string, validate: (v: string) => unknown) => string | undefined;
}

function scripted(script: Script, seen: { offered?: Item[]; orderValue?: string }): UserInput {
  const fail = () => Promise.reject(new Error('unexpected prompt'));
  return {
    showQuickPick: (async (items: unknown, options: { canPickMany?: boolean }) => {
      const list = (await items) as Item[];
      if (options.canPickMany) {
        seen.offered = list;
        return orCancel(script.columns(list));
      }
      if (!script.table) throw new Error('unexpected table pick');
      return orCancel(script.table(list));
    }) as UserInput['showQuickPick'],
    showInputBox: async (options) => {
      if (!script.order) throw new Error('unexpected input box');
      seen.orderValue = options.value;
      return orCancel(script.order(options.value ?? '', (v) => options.validateInput?.(v)));
    },
    showWarningMessage: fail,
    showSaveDialog: fail,
    showOpenDialog: fail,
  };
}

const request = (table?: string) => ({
  ...(table ? { table } : {}),
  tables: ['DeviceNetworkEvents', 'CustomTable'],
  seen: (t: string) => (t === 'DeviceNetworkEvents' ? ['Unlisted', 'RemotePort'] : []),
});

describe('vscode glue: Live Tail "Columns…"', () => {
  it("offers the summary, the catalog's columns and those seen; keeps the picked ones in the order typed, per hub", async () => {
    const state = new FakeMemento();
    const seen: { offered?: Item[]; orderValue?: string } = {};
    const input = scripted(
      {
        columns: (items) => items.filter((i) => i.column === 'RemotePort' || i.column === 'Unlisted' || i.column === '$summary'),
        order: (value, validate) => {
          assert.match(String(validate('Summary, Nope')), /"Nope" is not one of the chosen columns/);
          return `Unlisted, ${value.split(', ')[1]}, Summary`;
        },
      },
      seen,
    );
    const chosen = await promptColumns(input, state as unknown as vscode.Memento, 'cfg/hub', request('DeviceNetworkEvents'));
    assert.equal(seen.offered?.[0]?.label, 'Summary');
    assert.equal(seen.offered?.[0]?.picked, true, 'nothing chosen yet: the summary is');
    assert.ok(
      seen.offered?.some((i) => i.label === 'RemoteIP' && i.description === undefined),
      'a catalog column',
    );
    assert.ok(
      seen.offered?.some((i) => i.label === 'MachineGroup'),
      'a column Defender adds to any table',
    );
    assert.deepEqual(
      seen.offered?.filter((i) => i.description === 'seen in records').map((i) => i.label),
      ['Unlisted'],
    );
    assert.equal(seen.orderValue, 'Summary, RemotePort, Unlisted', 'the order of the list, to edit');
    assert.deepEqual(chosen, { DeviceNetworkEvents: ['Unlisted', 'RemotePort', '$summary'] });
    assert.deepEqual(readHubColumns(state as unknown as vscode.Memento, 'cfg/hub'), chosen);
    assert.deepEqual(readHubColumns(state as unknown as vscode.Memento, 'cfg/other'), {});

    // Again: the chosen columns come first, checked, in their order.
    const again: { offered?: Item[] } = {};
    await promptColumns(
      scripted({ columns: (items) => items.filter((i) => i.column === '$summary') }, again),
      state as unknown as vscode.Memento,
      'cfg/hub',
      request('DeviceNetworkEvents'),
    );
    assert.deepEqual(
      again.offered?.slice(0, 3).map((i) => [i.label, i.picked]),
      [
        ['Unlisted', true],
        ['RemotePort', true],
        ['Summary', true],
      ],
    );
    assert.deepEqual(readHubColumns(state as unknown as vscode.Memento, 'cfg/hub'), {}, 'the summary alone: back to the default');
  });

  it('asks which table when the page shows several; a dismissed prompt changes nothing', async () => {
    const state = new FakeMemento();
    let tables: string[] = [];
    const chosen = await promptColumns(
      scripted(
        {
          table: (items) => ((tables = items.map((i) => i.label)), items[1]),
          columns: (items) => items.filter((i) => i.column === '$summary' || i.column === 'Custom'),
          order: () => 'Summary',
        },
        {},
      ),
      state as unknown as vscode.Memento,
      'cfg/hub',
      { tables: ['DeviceNetworkEvents', 'CustomTable'], seen: () => ['Custom'] },
    );
    assert.deepEqual(tables, ['DeviceNetworkEvents', 'CustomTable']);
    assert.deepEqual(chosen, {}, 'the order named the summary alone');
    const cancelled = await promptColumns(
      scripted({ columns: () => undefined }, {}),
      state as unknown as vscode.Memento,
      'cfg/hub',
      request('X'),
    );
    assert.equal(cancelled, undefined);
    assert.equal(state.values.size, 1);
  });

  it('reads back only what is valid (state can be stale)', () => {
    const state = new FakeMemento();
    state.values.set(COLUMNS_STATE_KEY, { version: 1, hubs: [{ hub: 'cfg/hub', tables: { T: ['A', 3], U: 'x' } }] });
    assert.deepEqual(readHubColumns(state as unknown as vscode.Memento, 'cfg/hub'), { T: ['A'] });
    state.values.set(COLUMNS_STATE_KEY, 'garbage');
    assert.deepEqual(readHubColumns(state as unknown as vscode.Memento, 'cfg/hub'), {});
  });
});
