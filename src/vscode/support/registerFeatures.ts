// No vscode import: the composition root passes the log channel and the way to tell the user, so the
// isolation is tested in plain Node.
import { redactError } from '../../core/connection/redact';

/** One feature's registration, e.g. `{ name: 'Live Tail', register: () => registerLiveTail(services) }`. */
export interface Feature {
  readonly name: string;
  readonly register: () => void;
}

/** The part of the "Defender Stream" LogOutputChannel used here. */
export interface FeatureLog {
  error(message: string): void;
}

/**
 * Registers each feature on its own: one that throws is logged (redacted) and the others still
 * register, so a bad file open at startup cannot take the Live Tail or the KQL commands with it.
 * `report` is called once, after all of them, when any failed. Returns the names of those that failed.
 */
export function registerFeatures(log: FeatureLog, features: readonly Feature[], report: (message: string) => void): string[] {
  const failed: string[] = [];
  for (const feature of features) {
    try {
      feature.register();
    } catch (error) {
      failed.push(feature.name);
      log.error(`${feature.name} could not start: ${redactError(error)}`);
    }
  }
  if (failed.length > 0) {
    const list = failed.length > 1 ? `${failed.slice(0, -1).join(', ')} and ${failed[failed.length - 1]}` : failed[0];
    report(`Defender Stream: ${list} could not start; the other features work. See the log for details.`);
  }
  return failed;
}
