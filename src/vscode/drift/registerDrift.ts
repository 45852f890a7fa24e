import type { Services } from '../services';
import { registerCommand } from '../support/commands';
import { REPORT_DRIFT_COMMAND, reportSchemaDrift } from './reportSchemaDrift';

/** `defenderStream.reportSchemaDrift` (palette, Explorer context menu, the Live Tail's Schema view). */
export function registerDrift(services: Services): void {
  registerCommand(services.context, services.log, REPORT_DRIFT_COMMAND, (arg?: unknown) => reportSchemaDrift(services, arg));
}
