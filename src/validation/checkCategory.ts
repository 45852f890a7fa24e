import { CATEGORY_PREFIX, TABLE_NAMES, TABLES, getTable, suggestTable, type TableDef } from '../core/catalog/schemaCatalog';
import type { SchemaLookup } from '../core/catalog/schemaLookup';
import { closestMatches } from '../core/text/suggest';
import { CODES } from './codes';
import { show } from './checkValue';
import type { JsonPath, RawFinding } from './types';

const PREFIX_LOWER = CATEGORY_PREFIX.toLowerCase();
/** What a table name can be: a plain Kusto identifier (every Advanced Hunting table is one). */
const TABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,255}$/;

interface KnownNames {
  readonly names: readonly string[];
  readonly byLower: ReadonlyMap<string, string>;
}

const catalogNames: KnownNames = { names: TABLE_NAMES, byLower: new Map(TABLE_NAMES.map((n) => [n.toLowerCase(), n])) };
const tenantNames = new WeakMap<object, KnownNames>();

/** The table names `schema` knows: the catalog's, plus a tenant schema's own. */
function knownNames(schema: SchemaLookup): KnownNames {
  const tenant = schema.tenant;
  if (!tenant) return catalogNames;
  let known = tenantNames.get(tenant);
  if (!known) {
    const names = [...new Set([...TABLE_NAMES, ...Object.keys(tenant.tables)])];
    known = { names, byLower: new Map(names.map((n) => [n.toLowerCase(), n])) };
    tenantNames.set(tenant, known);
  }
  return known;
}

function replaceFix(category: string): RawFinding['fix'] {
  return { kind: 'replace', newText: JSON.stringify(category), title: `Change category to ${JSON.stringify(category)}` };
}

type Push = (info: (typeof CODES)[keyof typeof CODES], message: string, fix?: RawFinding['fix']) => void;

/** A table the catalog knows only from Advanced Hunting: worth knowing, nothing wrong with the record. */
function noteHuntingOnly(table: TableDef, schema: SchemaLookup, push: Push): void {
  if (table.streamStatus !== 'huntingOnly') return;
  const against = schema.originOf(table.name) === 'tenant' ? 'the tenant schema' : 'the catalog';
  const what = getTable(table.name)
    ? 'an Advanced Hunting table that Microsoft does not list as streamed and real streams are not known to carry'
    : 'in the tenant schema but not in the catalog, so nothing says it is streamed';
  push(CODES.huntingOnlyTable, `${table.name} is ${what}; its properties are checked against ${against}.`);
}

/**
 * Checks the `category` of the record at `recordPath` and returns the table (from `schema`: a tenant
 * schema over the catalog) whose columns its properties should be checked against (also when the
 * category has a certain fix), or undefined.
 */
export function checkCategory(value: unknown, recordPath: JsonPath, out: RawFinding[], schema: SchemaLookup): TableDef | undefined {
  const push: Push = (info, message, fix) => {
    out.push({ path: [...recordPath, 'category'], anchor: 'value', severity: info.severity, code: info.code, message, fix });
  };
  if (typeof value !== 'string' || value.trim() === '' || value.toLowerCase() === PREFIX_LOWER) {
    push(CODES.invalidCategory, `"category" must be a string "AdvancedHunting-<Table>", not ${show(value)}.`);
    return undefined;
  }
  const known = knownNames(schema);
  if (value.startsWith(CATEGORY_PREFIX)) {
    const name = value.slice(CATEGORY_PREFIX.length);
    const table = schema.table(name);
    if (table) {
      noteHuntingOnly(table, schema, push);
      return table;
    }
    const canonical = known.byLower.get(name.toLowerCase());
    if (canonical) {
      const fixed = CATEGORY_PREFIX + canonical;
      push(
        CODES.categoryCase,
        `Wrong letter case in category ${show(value)}: Defender writes ${JSON.stringify(fixed)}.`,
        replaceFix(fixed),
      );
      return schema.table(canonical);
    }
    if (!TABLE_NAME.test(name)) {
      push(CODES.invalidCategory, `Category ${show(value)} cannot name a table: a table name is letters, digits and "_".`);
      return undefined;
    }
    const near = closestMatches(name, known.names, 1);
    const hint = near.length > 0 ? ` Did you mean "${CATEGORY_PREFIX}${near[0]}"?` : '';
    const where = schema.tenant
      ? `the tenant schema or the catalog of ${TABLES.length} Advanced Hunting tables`
      : `the catalog of ${TABLES.length} Advanced Hunting tables`;
    push(CODES.unknownTable, `${show(name)} is not in ${where}; its properties are not checked.${hint}`);
    return undefined;
  }
  if (value.toLowerCase().startsWith(PREFIX_LOWER)) {
    const name = value.slice(CATEGORY_PREFIX.length);
    const canonical = known.byLower.get(name.toLowerCase());
    const fixed = CATEGORY_PREFIX + (canonical ?? name);
    push(CODES.categoryCase, `Wrong letter case in category ${show(value)}: Defender writes ${JSON.stringify(fixed)}.`, replaceFix(fixed));
    return canonical ? schema.table(canonical) : undefined;
  }
  // No prefix, a misspelt one, or a per-table hub name: fixable when the table itself is certain.
  const suggestion = suggestTable(value);
  const bare = value.slice(value.lastIndexOf('-') + 1);
  const canonical =
    suggestion.table && suggestion.reason !== 'spelling'
      ? suggestion.table.name
      : value.includes('-')
        ? undefined
        : known.byLower.get(bare.toLowerCase());
  if (canonical) {
    const fixed = CATEGORY_PREFIX + canonical;
    push(
      CODES.invalidCategory,
      `Category ${show(value)} lacks the "AdvancedHunting-" prefix: Defender writes ${JSON.stringify(fixed)}.`,
      replaceFix(fixed),
    );
    return schema.table(canonical);
  }
  push(CODES.invalidCategory, `Category ${show(value)} must be "AdvancedHunting-<Table>".`);
  return undefined;
}
