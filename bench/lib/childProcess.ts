import type { ChildProcess } from 'node:child_process';

/**
 * Stops a benchmark's helper process (e.g. the local hub): closes its stdin, which it takes as the
 * signal to stop cleanly, and kills it if it has not exited within `graceMs`.
 */
export function stopChild(child: ChildProcess, graceMs = 3000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  child.stdin?.end();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill();
      resolve();
    }, graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
