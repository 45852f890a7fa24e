// The single-table picker of Import getschema Result: the suggested table first, the catalog's, or a typed name.
import assert from 'node:assert/strict';
import { TABLES } from '../../../src/core/catalog/schemaCatalog';
import { orCancel, UserCancelledError } from '../../../src/vscode/support/cancel';
import { pickTable } from '../../../src/vscode/support/pickers';
import type { UserInput } from '../../../src/vscode/support/userInput';

type Item = { label: string; description?: string };

function scripted(pick: (items: Item[]) => Item | undefined, typed?: (validate: (v: string) => unknown) => string | undefined): UserInput {
  const fail = () => Promise.reject(new Error('unexpected prompt'));
  return {
    showQuickPick: (async (items: unknown) => orCancel(pick((await items) as Item[]))) as UserInput['showQuickPick'],
    showInputBox: async (options) => {
      if (!typed) throw new Error('unexpected input box');
      return orCancel(typed((v) => options.validateInput?.(v)));
    },
    showWarningMessage: fail,
    showSaveDialog: fail,
    showOpenDialog: fail,
  };
}

const validateName = (name: string) => (/^[A-Za-z_]\w*$/.test(name) ? undefined : 'not a name');

describe('vscode glue: the single-table picker', () => {
  it('offers the suggested table first, then every other catalog table once, then "Another table..."', async () => {
    let offered: Item[] = [];
    const table = await pickTable(
      scripted((items) => ((offered = items), items[0])),
      { title: 'T', suggested: { table: 'DeviceInfo', reason: 'from the name DeviceInfo.csv' }, validateName },
    );
    assert.equal(table, 'DeviceInfo');
    assert.deepEqual(offered[0], { label: 'DeviceInfo', description: 'from the name DeviceInfo.csv', table: 'DeviceInfo' });
    assert.equal(offered.length, TABLES.length + 1);
    assert.equal(offered.filter((i) => i.label === 'DeviceInfo').length, 1);
    assert.match(offered[offered.length - 1].label, /Another table/);
  });

  it('takes a typed name (validated) for a table the catalog does not list', async () => {
    let rejected: unknown;
    const table = await pickTable(
      scripted(
        (items) => items[items.length - 1],
        (validate) => {
          rejected = validate('bad name');
          assert.equal(validate('CustomTable'), undefined);
          return '  CustomTable ';
        },
      ),
      { title: 'T', validateName },
    );
    assert.equal(table, 'CustomTable');
    assert.equal(rejected, 'not a name');
  });

  it('dismissing either prompt cancels', async () => {
    await assert.rejects(
      pickTable(
        scripted(() => undefined),
        { title: 'T', validateName },
      ),
      UserCancelledError,
    );
    await assert.rejects(
      pickTable(
        scripted(
          (items) => items[items.length - 1],
          () => undefined,
        ),
        { title: 'T', validateName },
      ),
      UserCancelledError,
    );
  });
});
