import assert from 'node:assert/strict';
import { registerFeatures } from '../../../src/vscode/support/registerFeatures';

describe('vscodeGlue: registerFeatures (activation isolation)', () => {
  function fakeLog(): { errors: string[]; error(message: string): void } {
    const errors: string[] = [];
    return { errors, error: (message: string) => void errors.push(message) };
  }

  it('a feature that throws is logged and reported once; the features after it still register', () => {
    const log = fakeLog();
    const reports: string[] = [];
    const registered: string[] = [];
    const failed = registerFeatures(
      log,
      [
        { name: 'Event Hubs', register: () => void registered.push('Event Hubs') },
        {
          name: 'Validation',
          register: () => {
            throw new RangeError('Maximum call stack size exceeded');
          },
        },
        { name: 'Live Tail', register: () => void registered.push('Live Tail') },
        {
          name: 'Editor Tail',
          register: () => {
            throw new Error('Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=c2VjcmV0');
          },
        },
        { name: 'KQL', register: () => void registered.push('KQL') },
      ],
      (message) => reports.push(message),
    );
    assert.deepEqual(registered, ['Event Hubs', 'Live Tail', 'KQL']);
    assert.deepEqual(failed, ['Validation', 'Editor Tail']);
    assert.deepEqual(log.errors, [
      'Validation could not start: Maximum call stack size exceeded',
      'Editor Tail could not start: Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=***',
    ]);
    assert.deepEqual(reports, [
      'Defender Stream: Validation and Editor Tail could not start; the other features work. See the log for details.',
    ]);
  });

  it('reports nothing when every feature registers', () => {
    const log = fakeLog();
    const reports: string[] = [];
    let count = 0;
    const failed = registerFeatures(
      log,
      [
        { name: 'A', register: () => void count++ },
        { name: 'B', register: () => void count++ },
      ],
      (m) => reports.push(m),
    );
    assert.equal(count, 2);
    assert.deepEqual(failed, []);
    assert.deepEqual(log.errors, []);
    assert.deepEqual(reports, []);
  });
});
