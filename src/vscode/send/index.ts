import type { Services } from '../services';
import { registerCommand } from '../support/commands';
import { sendEventsCommand } from './sendEvents';

/** Send Events to Hub (tree context menu on a hub, and the palette). */
export function registerSend(services: Services): void {
  registerCommand(services.context, services.log, 'defenderStream.sendEvents', (...args: unknown[]) => sendEventsCommand(services, args));
}
