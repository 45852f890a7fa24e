import { mayEcho } from '../core/connection/echo';
import { UsageError } from './types';

export interface ParsedArgs {
  readonly options: Map<string, string | true>;
  readonly positionals: string[];
}

/**
 * Parses `--name value`, `--name=value` and boolean `--flag` options. `spec` maps each allowed option
 * to whether it takes a value; anything else is a UsageError (which never repeats an argument that
 * may hold a secret).
 */
export function parseArgs(args: readonly string[], spec: Record<string, 'value' | 'flag'>): ParsedArgs {
  const options = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '--') {
      positionals.push(...args.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq > 0 ? arg.slice(2, eq) : arg.slice(2);
    const kind = Object.hasOwn(spec, name) ? spec[name] : undefined;
    if (!kind)
      throw new UsageError(
        mayEcho(name) ? `unknown option "--${name}".` : 'an unknown option was given (not repeated here: it may hold a secret).',
      );
    if (kind === 'flag') {
      if (eq > 0) throw new UsageError(`"--${name}" takes no value.`);
      options.set(name, true);
      continue;
    }
    const value = eq > 0 ? arg.slice(eq + 1) : args[++i];
    if (value === undefined || (eq < 0 && value.startsWith('--'))) throw new UsageError(`"--${name}" needs a value.`);
    options.set(name, value);
  }
  return { options, positionals };
}

/** A string option's value (undefined when absent); a flag without a value or a blank one is a usage error. */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  if (value === true || (value !== undefined && value.trim() === '')) throw new UsageError(`"--${name}" needs a value.`);
  return value;
}

export function intOption(args: ParsedArgs, name: string, fallback: number, min = 0): number {
  const raw = args.options.get(name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (raw === true || raw.trim() === '' || !Number.isInteger(n) || n < min)
    throw new UsageError(`"--${name}" needs a whole number of at least ${min}.`);
  return n;
}
