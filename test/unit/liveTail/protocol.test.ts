import assert from 'node:assert/strict';
import { MAX_PAGE_TEXT, parsePageMessage, parsePersistedState } from '../../../src/liveTail/shared/protocol';

describe('webview protocol', () => {
  it('accepts every page message of the union', () => {
    for (const type of ['ready', 'pause', 'resume', 'clear', 'retry'] as const) assert.deepEqual(parsePageMessage({ type }), { type });
    assert.deepEqual(parsePageMessage({ type: 'filter', filter: { tables: ['EmailEvents'], text: 'x' } }), {
      type: 'filter',
      filter: { tables: ['EmailEvents'], text: 'x' },
    });
    assert.deepEqual(parsePageMessage({ type: 'filter', filter: { tables: [], text: '', other: true } }), {
      type: 'filter',
      filter: { tables: [], text: '', other: true },
    });
    assert.deepEqual(parsePageMessage({ type: 'filter', filter: { tables: [], text: '', other: false } }), {
      type: 'filter',
      filter: { tables: [], text: '' },
    });
    assert.deepEqual(parsePageMessage({ type: 'copy', text: '{}' }), { type: 'copy', text: '{}' });
    assert.deepEqual(parsePageMessage({ type: 'openJson', text: '{}' }), { type: 'openJson', text: '{}' });
    assert.deepEqual(parsePageMessage({ type: 'validate', text: '{}' }), { type: 'validate', text: '{}' });
    assert.deepEqual(parsePageMessage({ type: 'insertGetschema', tables: ['AlertInfo'] }), {
      type: 'insertGetschema',
      tables: ['AlertInfo'],
    });
    assert.deepEqual(parsePageMessage({ type: 'export', format: 'ndjson' }), { type: 'export', format: 'ndjson' });
    assert.deepEqual(parsePageMessage({ type: 'export', format: 'eventHubsBody' }), { type: 'export', format: 'eventHubsBody' });
  });

  it('rejects unknown, malformed or oversized messages, and drops extra fields', () => {
    assert.equal(parsePageMessage(null), undefined);
    assert.equal(parsePageMessage('ready'), undefined);
    assert.equal(parsePageMessage({ type: 'exec', command: 'rm -rf /' }), undefined);
    assert.equal(parsePageMessage({ type: 'export', format: '../../etc/passwd' }), undefined);
    assert.equal(
      parsePageMessage({ type: 'export', format: 'ndjson', path: '/tmp/x' }) &&
        'path' in (parsePageMessage({ type: 'export', format: 'ndjson', path: '/tmp/x' }) as object),
      false,
    );
    assert.equal(parsePageMessage({ type: 'filter', filter: { tables: 'EmailEvents', text: '' } }), undefined);
    assert.deepEqual(parsePageMessage({ type: 'filter', filter: { tables: [], text: '', where: 'A == 1', extra: 1 } }), {
      type: 'filter',
      filter: { tables: [], text: '', where: 'A == 1' },
    });
    assert.equal(parsePageMessage({ type: 'filter', filter: { tables: [], text: '', where: 5 } }), undefined);
    assert.equal(parsePageMessage({ type: 'filter', filter: { tables: [], text: '', where: 'x'.repeat(4001) } }), undefined);
    assert.equal(parsePageMessage({ type: 'filter', filter: { tables: [1], text: '' } }), undefined);
    assert.equal(parsePageMessage({ type: 'filter', filter: { tables: [], text: 'x'.repeat(1001) } }), undefined);
    assert.equal(parsePageMessage({ type: 'filter', filter: { tables: [], text: '', other: 'yes' } }), undefined);
    assert.equal(parsePageMessage({ type: 'copy', text: 42 }), undefined);
    assert.equal(parsePageMessage({ type: 'copy', text: 'x'.repeat(MAX_PAGE_TEXT + 1) }), undefined);
    assert.equal(parsePageMessage({ type: 'insertGetschema', tables: [{}] }), undefined);
  });

  it('accepts "Columns…" with or without a table name, and nothing else', () => {
    assert.deepEqual(parsePageMessage({ type: 'chooseColumns' }), { type: 'chooseColumns' });
    assert.deepEqual(parsePageMessage({ type: 'chooseColumns', table: 'DeviceEvents', extra: 1 }), {
      type: 'chooseColumns',
      table: 'DeviceEvents',
    });
    for (const table of ['', 7, null, 'x'.repeat(201)]) assert.equal(parsePageMessage({ type: 'chooseColumns', table }), undefined);
  });

  it('reads a persisted state defensively', () => {
    assert.deepEqual(parsePersistedState(undefined), {});
    assert.deepEqual(
      parsePersistedState({
        configId: 'c',
        hubName: 'h',
        filter: { tables: ['A'], text: 't' },
        scrollTop: 44,
        follow: false,
        selectedId: 7,
        connectionString: 'secret',
      }),
      {
        configId: 'c',
        hubName: 'h',
        filter: { tables: ['A'], text: 't' },
        scrollTop: 44,
        follow: false,
        selectedId: 7,
      },
    );
    assert.deepEqual(parsePersistedState({ configId: 3, scrollTop: -1, follow: 'yes', selectedId: 1.5, filter: { tables: [] } }), {});
  });
});
