// The one table picker and the one start-position picker, with a scripted UserInput (the glue's
// prompts interface): dismissing rejects with the one cancellation error.
import assert from 'node:assert/strict';
import { STREAMABLE_TABLES, TABLES } from '../../../src/core/catalog/schemaCatalog';
import { orCancel, UserCancelledError } from '../../../src/vscode/support/cancel';
import { pickStartOrWindow, pickStartPosition, pickTables } from '../../../src/vscode/support/pickers';
import type { UserInput } from '../../../src/vscode/support/userInput';

/** Answers quick picks with `answer(items)`; `undefined` is a dismissal, as in VS Code. Any other prompt fails. */
function scripted(
  answer: (
    items: Array<{ label: string; picked?: boolean; description?: string }>,
    options: { canPickMany?: boolean; title?: string },
  ) => unknown,
): UserInput & { asked: string[] } {
  const asked: string[] = [];
  const fail = () => Promise.reject(new Error('unexpected prompt'));
  return {
    asked,
    showQuickPick: (async (items: unknown, options: { canPickMany?: boolean; title?: string }) => {
      asked.push(options.title ?? '');
      return orCancel(answer((await items) as Array<{ label: string; picked?: boolean }>, options));
    }) as UserInput['showQuickPick'],
    showInputBox: fail,
    showWarningMessage: fail,
    showSaveDialog: fail,
    showOpenDialog: fail,
  };
}

describe('vscode glue: the one table picker and start-position picker', () => {
  it('offers every catalog table with the preselected ones checked, and returns the picked names', async () => {
    let offered: Array<{ label: string; picked?: boolean }> = [];
    const input = scripted((items) => {
      offered = items;
      return items.filter((i) => i.label === 'EmailEvents' || i.label === 'AlertInfo');
    });
    const picked = await pickTables(input, { title: 'T', preselected: ['AlertInfo'] });
    assert.deepEqual(picked.sort(), ['AlertInfo', 'EmailEvents']);
    assert.equal(offered.length, TABLES.length);
    assert.deepEqual(
      offered.filter((o) => o.picked).map((o) => o.label),
      ['AlertInfo'],
    );
  });

  it('lists streamed tables first, then those seen in streams, then Advanced-Hunting-only ones, each with its status', async () => {
    let offered: Array<{ label: string; description?: string }> = [];
    await pickTables(
      scripted((items) => {
        offered = items;
        return items.slice(0, 1);
      }),
      { title: 'T' },
    );
    const status = (label: string) => offered.find((o) => o.label === label)?.description;
    assert.equal(
      status('DeviceProcessEvents'),
      `streamed (GA) · ${TABLES.find((t) => t.name === 'DeviceProcessEvents')!.columns.length} columns`,
    );
    assert.match(status('IdentityInfo') ?? '', /^seen in real streams · \d+ columns$/);
    assert.match(status('DeviceTvmSoftwareInventory') ?? '', /^Advanced Hunting only · \d+ columns$/);
    const rank = (d?: string) => (d?.startsWith('streamed') ? 0 : d?.startsWith('seen') ? 1 : 2);
    const ranks = offered.map((o) => rank(o.description));
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => a - b),
    );
    assert.equal(offered[0].label, 'AlertEvidence');
  });

  it('offers only the tables given (capacity: the ones that reach Event Hubs)', async () => {
    let offered: Array<{ label: string }> = [];
    await pickTables(
      scripted((items) => {
        offered = items;
        return items.slice(0, 1);
      }),
      { title: 'T', tables: STREAMABLE_TABLES },
    );
    assert.deepEqual(
      offered.map((o) => o.label),
      STREAMABLE_TABLES.map((t) => t.name),
    );
    assert.equal(offered.length, 30);
  });

  it('dismissing rejects with UserCancelledError; picking none cancels unless none means all', async () => {
    await assert.rejects(
      pickTables(
        scripted(() => undefined),
        { title: 'T' },
      ),
      UserCancelledError,
    );
    await assert.rejects(
      pickTables(
        scripted(() => []),
        { title: 'T' },
      ),
      UserCancelledError,
    );
    assert.deepEqual(
      await pickTables(
        scripted(() => []),
        { title: 'T', noneMeansAll: true },
      ),
      [],
    );
  });

  it('where none means all, offers "Every table" first (what Enter takes with nothing checked)', async () => {
    let offered: Array<{ label: string }> = [];
    const everyFirst = scripted((items) => {
      offered = items;
      return [items[0]];
    });
    assert.deepEqual(await pickTables(everyFirst, { title: 'T', noneMeansAll: true }), []);
    assert.equal(offered[0].label, '$(list-flat) Every table');
    assert.equal(offered.length, TABLES.length + 1);
    const withTable = scripted((items) => [items[0], items.find((i) => i.label === 'EmailEvents')]);
    assert.deepEqual(await pickTables(withTable, { title: 'T', noneMeansAll: true }), []);
    const oneTable = scripted((items) => [items.find((i) => i.label === 'EmailEvents')]);
    assert.deepEqual(await pickTables(oneTable, { title: 'T', noneMeansAll: true }), ['EmailEvents']);
  });

  it('asks for a start position only when the setting is "ask"', async () => {
    const never = scripted(() => assert.fail('no prompt expected'));
    assert.deepEqual(await pickStartPosition(never, 'earliest', 'S'), { kind: 'earliest' });
    const input = scripted((items) => items.find((i) => i.label === 'Earliest'));
    assert.deepEqual(await pickStartPosition(input, 'ask', 'Start from'), { kind: 'earliest' });
    assert.deepEqual(input.asked, ['Start from']);
    await assert.rejects(
      pickStartPosition(
        scripted(() => undefined),
        'ask',
        'S',
      ),
      UserCancelledError,
    );
  });

  it('offers a Storage tail the start of the current hour, after Latest, and only a Storage tail', async () => {
    const offered: string[][] = [];
    const pick = (label: string) =>
      scripted((items) => {
        offered.push(items.map((i) => i.label));
        return items.find((i) => i.label === label);
      });
    const before = Date.now();
    const start = await pickStartPosition(pick('Start of the current hour'), 'ask', 'S', { currentHour: true });
    assert.equal(start.kind, 'time');
    const at = start.kind === 'time' ? start.enqueuedAfter.getTime() : NaN;
    assert.equal(at % 3_600_000, 0);
    assert.ok(at <= before && Date.now() - at < 3_600_000 + 1000, String(at));
    assert.deepEqual(await pickStartPosition(pick('Latest'), 'ask', 'S'), { kind: 'latest' });
    assert.deepEqual(offered, [
      ['Latest', 'Start of the current hour', 'Last 15 minutes', 'Last hour', 'Earliest', 'A time...'],
      ['Latest', 'Last 15 minutes', 'Last hour', 'Earliest', 'A time...', 'Sequence numbers...', 'Offsets...'],
    ]);
    // A setting other than "ask" is used as it is, for a Storage tail too.
    const never = scripted(() => assert.fail('no prompt expected'));
    assert.deepEqual(await pickStartPosition(never, 'latest', 'S', { currentHour: true }), { kind: 'latest' });
  });
});

describe('vscode glue: the start picker of Tail to Editor, with a time window', () => {
  function input(pick: string, boxes: string[]): UserInput & { prompts: string[]; invalid: Array<string | undefined> } {
    const prompts: string[] = [];
    const invalid: Array<string | undefined> = [];
    const fail = () => Promise.reject(new Error('unexpected prompt'));
    return {
      prompts,
      invalid,
      showQuickPick: (async (items: Array<{ label: string }>) =>
        items.find((i) => i.label === pick)) as unknown as UserInput['showQuickPick'],
      showInputBox: async (options) => {
        prompts.push(options.prompt ?? '');
        const answer = boxes.shift()!;
        invalid.push((await options.validateInput?.('not a time')) as string | undefined);
        return answer;
      },
      showWarningMessage: fail,
      showSaveDialog: fail,
      showOpenDialog: fail,
    };
  }

  it('a start of the list has no end; "A time window..." asks from and until (ISO), checked', async () => {
    assert.deepEqual(await pickStartOrWindow(input('Earliest', []), 'ask', 'S'), { start: { kind: 'earliest' } });
    const scripted = input('A time window...', ['2025-01-31T09:00:00Z', '2025-01-31T09:15:00Z']);
    const window = await pickStartOrWindow(scripted, 'ask', 'S');
    assert.deepEqual(window, {
      start: { kind: 'time', enqueuedAfter: new Date('2025-01-31T09:00:00Z') },
      until: new Date('2025-01-31T09:15:00Z'),
    });
    assert.match(scripted.prompts[0], /^From: an ISO time/);
    assert.equal(scripted.prompts[1], 'Until: a time, or a number of matches (an ISO time after the start, or e.g. 100)');
    assert.deepEqual(scripted.invalid, [
      'An ISO time, e.g. 2025-01-31T09:00:00Z.',
      'An ISO time (e.g. 2025-01-31T09:15:00Z) or a number of matches (e.g. 100).',
    ]);
  });

  it('a window can end after a number of matches', async () => {
    const scripted = input('A time window...', ['2025-01-31T09:00:00Z', ' 250 ']);
    assert.deepEqual(await pickStartOrWindow(scripted, 'ask', 'S'), {
      start: { kind: 'time', enqueuedAfter: new Date('2025-01-31T09:00:00Z') },
      maxMatches: 250,
    });
  });

  it("is always asked, whatever the setting: the setting's position first, then the others, a time, sequence numbers and a window", async () => {
    let offered: Array<{ label: string; description?: string }> = [];
    const scripted = input('Latest', []);
    const pick = scripted.showQuickPick;
    scripted.showQuickPick = (async (items: Array<{ label: string; description?: string }>, options: unknown) => {
      offered = items;
      return (pick as unknown as (i: unknown, o: unknown) => Promise<unknown>)(items, options);
    }) as unknown as UserInput['showQuickPick'];
    assert.deepEqual(await pickStartOrWindow(scripted, 'lastHour', 'S'), { start: { kind: 'latest' } });
    assert.deepEqual(
      offered.map((i) => i.label),
      ['Last hour', 'Latest', 'Last 15 minutes', 'Earliest', 'A time...', 'Sequence numbers...', 'Offsets...', 'A time window...'],
    );
    assert.equal(offered[0].description, 'the tail.startPosition setting');
    assert.ok(offered.slice(1).every((i) => i.description === undefined));
  });

  it('"A time..." and "Sequence numbers..." ask for them, checked, for Live Tail and Tail to Editor alike', async () => {
    const time = input('A time...', ['2025-01-31T09:00:00Z']);
    assert.deepEqual(await pickStartOrWindow(time, 'latest', 'S'), {
      start: { kind: 'time', enqueuedAfter: new Date('2025-01-31T09:00:00Z') },
    });
    assert.deepEqual(time.invalid, ['An ISO time, e.g. 2025-01-31T09:00:00Z.']);
    const sequence = input('Sequence numbers...', ['0:1200, 1:980']);
    assert.deepEqual(await pickStartPosition(sequence, 'ask', 'S'), { kind: 'sequence', sequenceNumbers: { '0': 1200, '1': 980 } });
    assert.match(sequence.prompts[0], /partitions not listed start at latest/);
    assert.deepEqual(sequence.invalid, ['"not" is not partition:sequence (e.g. 0:1200).']);
    const offsets = input('Offsets...', ['0:4096, 1:0']);
    assert.deepEqual(await pickStartPosition(offsets, 'ask', 'S'), { kind: 'offset', offsets: { '0': '4096', '1': '0' } });
    assert.match(offsets.prompts[0], /partition:offset .* partitions not listed start at latest/);
    assert.deepEqual(offsets.invalid, ['"not" is not partition:offset (e.g. 0:4096).']);
  });
});
