import type { CliCommand } from './types';

/** Subcommands, in the order `--help` lists them. Each feature adds its own module here. */
export const CLI_COMMANDS: readonly CliCommand[] = [];
