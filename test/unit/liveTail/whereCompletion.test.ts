import assert from 'node:assert/strict';
import { applyCompletion, completeNames, completionAt, namesInView } from '../../../src/webviewUi/liveTail/whereCompletion';

describe('live tail page: where box completion', () => {
  it('finds the name typed at the caret, not inside a string, a number or a key of a dynamic value', () => {
    assert.deepEqual(completionAt('Remo', 4), { start: 0, prefix: 'Remo' });
    assert.deepEqual(completionAt('ActionType == "x" and Rem', 25), { start: 22, prefix: 'Rem' });
    assert.deepEqual(completionAt('ActionType == "x" and ', 22), { start: 22, prefix: '' });
    assert.deepEqual(completionAt('properties.Dev', 14), { start: 11, prefix: 'Dev' });
    assert.equal(completionAt('ActionType == "Rem', 18), undefined, 'inside a string');
    assert.equal(completionAt("x has 'a\\'Rem", 13), undefined, 'inside a string with an escaped quote');
    assert.equal(completionAt('RemotePort == 44', 16), undefined, 'a number');
    assert.equal(completionAt('AdditionalFields.Cal', 20), undefined, 'a key into a dynamic value');
    assert.deepEqual(completionAt('DeviceName == "a" and Rem', 24), { start: 22, prefix: 'Re' }, 'the caret within a name');
  });

  it('offers names starting with what is typed, then those containing it, case-insensitive, without the name typed in full', () => {
    const names = ['ActionType', 'DeviceName', 'RemoteIP', 'RemotePort', 'LocalPort', 'remoteUrl'];
    assert.deepEqual(completeNames(names, 'remote'), ['RemoteIP', 'RemotePort', 'remoteUrl']);
    assert.deepEqual(completeNames(names, 'port'), ['RemotePort', 'LocalPort']);
    assert.deepEqual(completeNames(names, 'RemoteIP'), []);
    assert.equal(completeNames(names, '', 2).length, 2);
  });

  it('replaces the whole name at the caret and puts the caret after it', () => {
    assert.deepEqual(applyCompletion('ActionType == "x" and Rem', 22, 25, 'RemotePort'), {
      text: 'ActionType == "x" and RemotePort',
      caret: 32,
    });
    assert.deepEqual(applyCompletion('Rem == 1', 0, 2, 'RemotePort'), { text: 'RemotePort == 1', caret: 10 });
  });

  it("offers the columns of the tables in view: the filter's, else those that arrived, else every table", () => {
    const columns = { A: ['Zeta', 'Alpha'], B: ['Beta', 'Alpha'], C: ['Gamma'] };
    assert.deepEqual(namesInView(columns, ['A'], ['B']), ['Alpha', 'category', 'tenantId', 'time', 'Zeta']);
    assert.deepEqual(namesInView(columns, [], ['B', 'Unknown']), ['Alpha', 'Beta', 'category', 'tenantId', 'time']);
    assert.deepEqual(namesInView(columns, [], []), ['Alpha', 'Beta', 'category', 'Gamma', 'tenantId', 'time', 'Zeta']);
    assert.deepEqual(namesInView(columns, ['constructor'], []), ['category', 'tenantId', 'time']);
  });
});
