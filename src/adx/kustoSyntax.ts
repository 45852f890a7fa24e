/** Names and literals written into generated Kusto commands. */

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Lower-case words Kusto reads as keywords (operators, clauses, type names, literals): a column or
 * table of that name is bracket-quoted. Quoting is always valid, so the list errs on the long side.
 */
const KEYWORDS = new Set(
  (
    'access alias and as asc between bool boolean by cluster consume contains count database datatable date datetime declare ' +
    'decimal desc distinct double dynamic evaluate extend externaldata facet false find first fork from getschema guid has in ' +
    'int int32 int64 invoke join kind last let limit long lookup macro-expand materialize mv-apply mv-expand not null nulls of on ' +
    'or order parse partition pattern print project range real render restrict sample scan search serialize set sort step string ' +
    'summarize table take time timespan to top true typeof uniqueid union view where with'
  ).split(' '),
);

/** A table, column or function name as Kusto reads it: as is when a plain identifier, else `['name']`. */
export function kustoName(name: string): string {
  return IDENTIFIER.test(name) && !KEYWORDS.has(name) ? name : `['${escape(name)}']`;
}

/** `value.name` or `value['name']` (a property of a dynamic value). */
export function kustoMember(value: string, name: string): string {
  return IDENTIFIER.test(name) && !KEYWORDS.has(name) ? `${value}.${name}` : `${value}['${escape(name)}']`;
}

/** A single-quoted Kusto string literal. */
export function kustoString(value: string): string {
  return `'${escape(value)}'`;
}

/** A verbatim string literal `@'...'` (no escapes but `''` for a quote): for JSON in policy commands. */
export function kustoVerbatim(value: string): string {
  return `@'${value.replace(/'/g, "''")}'`;
}

function escape(value: string): string {
  return value
    .replace(/[\\']/g, (c) => `\\${c}`)
    .replace(/\r/g, '\\r')
    .replace(/\n/g, '\\n');
}
