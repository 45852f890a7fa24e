import type { Services } from '../services';
import { registerCommand } from '../support/commands';
import { insertCapacityQuery } from './insertCapacity';
import { insertGetschemaQuery } from './insertGetschema';
import { generateAdxScript } from './generateAdxScript';
import { associateKqlFiles } from './language';
import { measureCapacity } from './measureCapacity';
import type { MeasurementState } from './measurementState';

/** KQL helpers: the getschema and capacity queries, Measure Capacity and the ADX ingestion script. */
export function registerKqlCommands(services: Services, state: MeasurementState): void {
  const { context, log, input } = services;
  registerCommand(context, log, 'defenderStream.insertGetschemaQuery', (...args: unknown[]) => insertGetschemaQuery(input, args));
  registerCommand(context, log, 'defenderStream.insertCapacityQuery', (...args: unknown[]) => insertCapacityQuery(input, state, args));
  registerCommand(context, log, 'defenderStream.generateAdxScript', (...args: unknown[]) => generateAdxScript(input, args));
  registerCommand(context, log, 'defenderStream.measureCapacity', (...args: unknown[]) => measureCapacity(services, state, args));
  associateKqlFiles(context);
}
