import { SCHEMA_LIMITS } from './limits';

/**
 * A table or column name a tenant schema may hold: a letter or `_` first, then letters, digits, `_`, `.`
 * or `-` (Kusto allows more with quoting, Advanced Hunting uses plain identifiers). No spaces, quotes or
 * brackets, so a name can always be bracket-quoted in generated KQL.
 */
const NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/** Why `name` cannot be a table or column name, or undefined when it can. */
export function nameProblem(name: string): string | undefined {
  if (name === '') return 'is empty';
  if (name.length > SCHEMA_LIMITS.maxNameLength) return `is longer than ${SCHEMA_LIMITS.maxNameLength} characters`;
  if (!NAME.test(name)) return 'is not a name (a letter or "_" first, then letters, digits, "_", "." or "-")';
  // A table name becomes a key of the stored schema: never one JavaScript objects treat specially.
  if (name in Object.prototype) return 'is a reserved name';
  return undefined;
}

/** An untrusted name for a message: quoted, shortened, control characters replaced. */
export function shownName(name: string): string {
  const flat = name.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, '?');
  return JSON.stringify(flat.length > 60 ? `${flat.slice(0, 59)}…` : flat);
}
