import { CATEGORY_PREFIX, TABLE_NAMES, getTable, suggestTable, type TableDef } from '../core/catalog/schemaCatalog';
import { closestMatches } from '../core/text/suggest';
import { CODES } from './codes';
import { show } from './checkValue';
import { OBSERVED_EXTRA_TABLES } from './observed';
import type { JsonPath, RawFinding } from './types';

const knownByLower = new Map<string, string>([...TABLE_NAMES, ...OBSERVED_EXTRA_TABLES].map((n) => [n.toLowerCase(), n]));
const PREFIX_LOWER = CATEGORY_PREFIX.toLowerCase();

/** A documented or observed table name in its canonical spelling, whatever the letter case of `name`. */
function canonicalTableName(name: string): string | undefined {
  return knownByLower.get(name.toLowerCase());
}

function replaceFix(category: string): RawFinding['fix'] {
  return { kind: 'replace', newText: JSON.stringify(category), title: `Change category to ${JSON.stringify(category)}` };
}

/**
 * Checks the `category` of the record at `recordPath` and returns the documented table whose columns its
 * properties should be checked against (also when the category has a certain fix), or undefined.
 */
export function checkCategory(value: unknown, recordPath: JsonPath, out: RawFinding[]): TableDef | undefined {
  const push = (info: (typeof CODES)[keyof typeof CODES], message: string, fix?: RawFinding['fix']): void => {
    out.push({ path: [...recordPath, 'category'], anchor: 'value', severity: info.severity, code: info.code, message, fix });
  };
  if (typeof value !== 'string' || value.trim() === '' || value.toLowerCase() === PREFIX_LOWER) {
    push(CODES.invalidCategory, `"category" must be a string "AdvancedHunting-<Table>", not ${show(value)}.`);
    return undefined;
  }
  if (value.startsWith(CATEGORY_PREFIX)) {
    const name = value.slice(CATEGORY_PREFIX.length);
    const table = getTable(name);
    if (table) return table;
    if (OBSERVED_EXTRA_TABLES.includes(name)) {
      push(
        CODES.unknownTable,
        `${name} is not among the 21 documented streaming tables (real streams do carry it); its properties are not checked.`,
      );
      return undefined;
    }
    const canonical = canonicalTableName(name);
    if (canonical) {
      const fixed = CATEGORY_PREFIX + canonical;
      push(
        CODES.categoryCase,
        `Wrong letter case in category ${show(value)}: Defender writes ${JSON.stringify(fixed)}.`,
        replaceFix(fixed),
      );
      return getTable(canonical);
    }
    const near = closestMatches(name, TABLE_NAMES, 1);
    const hint = near.length > 0 ? ` Did you mean "${CATEGORY_PREFIX}${near[0]}"?` : '';
    push(CODES.unknownTable, `${show(name)} is not among the 21 documented streaming tables; its properties are not checked.${hint}`);
    return undefined;
  }
  if (value.toLowerCase().startsWith(PREFIX_LOWER)) {
    const name = value.slice(CATEGORY_PREFIX.length);
    const canonical = canonicalTableName(name);
    const fixed = CATEGORY_PREFIX + (canonical ?? name);
    push(CODES.categoryCase, `Wrong letter case in category ${show(value)}: Defender writes ${JSON.stringify(fixed)}.`, replaceFix(fixed));
    return canonical ? getTable(canonical) : undefined;
  }
  // No prefix, a misspelt one, or a per-table hub name: fixable when the table itself is certain.
  const suggestion = suggestTable(value);
  const bare = value.slice(value.lastIndexOf('-') + 1);
  const canonical =
    suggestion.table && suggestion.reason !== 'spelling'
      ? suggestion.table.name
      : value.includes('-')
        ? undefined
        : canonicalTableName(bare);
  if (canonical) {
    const fixed = CATEGORY_PREFIX + canonical;
    push(
      CODES.invalidCategory,
      `Category ${show(value)} lacks the "AdvancedHunting-" prefix: Defender writes ${JSON.stringify(fixed)}.`,
      replaceFix(fixed),
    );
    return getTable(canonical);
  }
  push(CODES.invalidCategory, `Category ${show(value)} must be "AdvancedHunting-<Table>".`);
  return undefined;
}
