// A Tail to Editor window's progress notification, on a fake `withProgress`: shown with the first report
// of a window still being read, per partition in its message, the bar growing, closed when read; Cancel
// ends the window.
import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import { windowProgressNotification, type ShowProgress } from '../../../src/vscode/editorTail/windowProgress';

type Step = { message?: string; increment?: number };

function fakeProgress() {
  const reports: Step[] = [];
  let shown = 0;
  let closed = false;
  let cancelListener: (() => void) | undefined;
  const show: ShowProgress = (task) => {
    shown++;
    const token = {
      isCancellationRequested: false,
      onCancellationRequested: (l: () => void) => {
        cancelListener = l;
        return { dispose: () => undefined };
      },
    } as unknown as vscode.CancellationToken;
    const done = task({ report: (step) => reports.push(step) }, token);
    void Promise.resolve(done).then(() => (closed = true));
    return done;
  };
  return { show, reports, shown: () => shown, closed: () => closed, cancel: () => cancelListener?.() };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('Tail to Editor window progress (notification)', () => {
  it('shows per-partition text, grows the bar by what was read, and closes when read', async () => {
    const fake = fakeProgress();
    let cancelled = 0;
    const report = windowProgressNotification(fake.show, () => cancelled++);
    report({ text: 'p0 0/10, p1 0/10', fraction: 0, done: false });
    report({ text: 'p0 5/10, p1 0/10', fraction: 0.25, done: false });
    report({ text: 'p0 done (end), p1 5/10', fraction: 0.75, done: false });
    report({ text: 'p0 done (end), p1 done (end)', fraction: 1, done: true });
    await tick();
    assert.equal(fake.shown(), 1, 'one notification');
    assert.deepEqual(fake.reports, [
      { message: 'p0 0/10, p1 0/10' },
      { message: 'p0 5/10, p1 0/10', increment: 25 },
      { message: 'p0 done (end), p1 5/10', increment: 50 },
    ]);
    assert.equal(fake.closed(), true);
    fake.cancel(); // a late Cancel after the window was read changes nothing
    report({ text: 'again', fraction: 0.1, done: false });
    await tick();
    assert.equal(cancelled, 0);
    assert.equal(fake.shown(), 1);
  });

  it('Cancel ends the window; a window read before its first report shows nothing', async () => {
    const fake = fakeProgress();
    let cancelled = 0;
    const report = windowProgressNotification(fake.show, () => cancelled++);
    report({ text: 'p0 1/10', fraction: 0.1, done: false });
    fake.cancel();
    assert.equal(cancelled, 1);
    report({ text: 'p0 1/10', fraction: 1, done: true });
    await tick();
    assert.equal(fake.closed(), true);

    const quiet = fakeProgress();
    windowProgressNotification(quiet.show, () => undefined)({ text: 'p0 done (end)', fraction: 1, done: true });
    assert.equal(quiet.shown(), 0);
  });
});
