import { localHubCommand } from './localHubCommand';
import { tailCommand } from './tailCommand';
import type { CliCommand } from './types';
import { validateCommand } from './validateCommand';

/** Subcommands, in the order `--help` lists them. Each feature adds its own module here. */
export const CLI_COMMANDS: readonly CliCommand[] = [tailCommand, validateCommand, localHubCommand];
