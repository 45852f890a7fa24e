import { suggestTable } from '../core/catalog/schemaCatalog';
import { quotedOr } from '../core/connection/echo';
import { UsageError } from './types';

/** "--tables T,...": catalog names (exact, any letter case or a prefix); an unknown one is a usage error with suggestions. */
export function parseTables(text: string): string[] {
  const names = text
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (names.length === 0) throw new UsageError('"--tables" needs at least one table name.');
  return names.map((name) => {
    const suggestion = suggestTable(name);
    if (suggestion.table && suggestion.reason !== 'spelling') return suggestion.table.name; // exact, letter case or prefix
    const hint = suggestion.candidates.length > 0 ? ` Did you mean ${suggestion.candidates.slice(0, 3).join(', ')}?` : '';
    throw new UsageError(`unknown table ${quotedOr(name, '(not repeated here: it may hold a secret)')}.${hint}`);
  });
}
