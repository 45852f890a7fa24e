import { adxCommand } from './adxCommand';
import { capacityCommand } from './capacityCommand';
import { driftCommand } from './driftCommand';
import { huntCommand } from './huntCommand';
import { localHubCommand } from './localHubCommand';
import { schemaCommand } from './schemaCommand';
import { sendCommand } from './sendCommand';
import { storageAwareTailCommand } from './storageTail';
import type { CliCommand } from './types';
import { validateCommand } from './validateCommand';

/** Subcommands, in the order `--help` lists them. Each feature adds its own module here. */
export const CLI_COMMANDS: readonly CliCommand[] = [
  storageAwareTailCommand, // tail: an event hub, or a storage account with --storage-connection-string
  sendCommand,
  validateCommand,
  adxCommand,
  driftCommand,
  schemaCommand,
  huntCommand,
  capacityCommand, // capacity: Event Hubs sizing from a storage account's export
  // local-hub prints the connection strings of the loopback hub it starts, for you to use.
  { ...localHubCommand, showsLocalHubConnectionStrings: true },
];
