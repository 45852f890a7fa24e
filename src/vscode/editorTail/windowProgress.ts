import type * as vscode from 'vscode';
import type { WindowProgressReport } from '../../tail/editorTailController';

/** A task shown with a cancellable progress bar: `vscode.window.withProgress` with its options bound. */
export type ShowProgress = (
  task: (progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken) => Thenable<void>,
) => Thenable<void>;

/**
 * A Tail to Editor window's progress as a notification with a progress bar: per partition in its message
 * ("p0 120/500, p1 done (end)"), the whole as the bar; Cancel ends the window (`cancel`: the lines so far
 * stay). It shows with the first report of a window still being read and closes when a report says `done`.
 */
export function windowProgressNotification(show: ShowProgress, cancel: () => void): (report: WindowProgressReport) => void {
  let progress: vscode.Progress<{ message?: string; increment?: number }> | undefined;
  let finish: (() => void) | undefined;
  let latest: WindowProgressReport | undefined;
  let shownPercent = 0;
  let started = false;
  let finished = false;
  const apply = (): void => {
    const report = latest;
    if (!progress || !report || finished) return;
    if (report.done) {
      finished = true;
      finish?.();
      return;
    }
    const increment = Math.max(0, Math.round(report.fraction * 100) - shownPercent);
    shownPercent += increment;
    progress.report({ message: report.text, ...(increment > 0 ? { increment } : {}) });
  };
  return (report) => {
    if (finished) return;
    latest = report;
    if (started) {
      apply();
      return;
    }
    if (report.done) return; // read before anything was worth showing
    started = true;
    void show((p, token) => {
      progress = p;
      token.onCancellationRequested(() => {
        if (!finished) cancel();
      });
      return new Promise<void>((resolve) => {
        finish = resolve;
        apply();
      });
    });
  };
}
