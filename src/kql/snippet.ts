/**
 * A query with snippet placeholders, rendered either as plain text (placeholders replaced by their
 * defaults) or as VS Code snippet syntax (`${1:default}`, `${1|a,b|}`), with `$`, `}` and `\` escaped.
 */
export type TemplatePart =
  | string
  | { readonly kind: 'placeholder'; readonly index: number; readonly value: string }
  | { readonly kind: 'choice'; readonly index: number; readonly options: readonly string[] };

export type QueryTemplate = readonly TemplatePart[];

export function placeholder(index: number, value: string): TemplatePart {
  return { kind: 'placeholder', index, value };
}

export function choice(index: number, options: readonly string[]): TemplatePart {
  if (options.length === 0) throw new Error('A choice needs at least one option.');
  return { kind: 'choice', index, options };
}

/** The text the template stands for, with every placeholder at its default (a choice at its first option). */
export function renderText(template: QueryTemplate): string {
  return template.map((part) => (typeof part === 'string' ? part : part.kind === 'placeholder' ? part.value : part.options[0])).join('');
}

/** VS Code snippet syntax. A placeholder index used again becomes a mirror (`$1`) of the first. */
export function renderSnippet(template: QueryTemplate): string {
  const seen = new Set<number>();
  return template
    .map((part) => {
      if (typeof part === 'string') return escapeSnippetText(part);
      if (seen.has(part.index)) return `\${${part.index}}`;
      seen.add(part.index);
      if (part.kind === 'placeholder') return `\${${part.index}:${escapeSnippetText(part.value)}}`;
      return `\${${part.index}|${part.options.map(escapeChoiceOption).join(',')}|}`;
    })
    .join('');
}

/** Escapes literal text for a snippet body: `\`, `$` and `}` get a backslash. */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, '\\$&');
}

function escapeChoiceOption(text: string): string {
  return text.replace(/[\\$}|,]/g, '\\$&');
}

/**
 * Expands snippet text the way VS Code does when the user accepts every default: `${n:text}` becomes
 * its text, `${n|a,b|}` its first option, `$n`/`${n}` the value of placeholder n (or nothing), and
 * escapes are removed. Enough for the snippets this extension produces (no variables, no transforms).
 */
export function expandSnippet(snippet: string): { text: string; tabStops: number[] } {
  const values = new Map<number, string>();
  const stops = new Set<number>();
  let pos = 0;
  const expandUntil = (stop: string | undefined): string => {
    let out = '';
    while (pos < snippet.length) {
      const ch = snippet[pos];
      if (ch === '\\' && pos + 1 < snippet.length && '\\$}|,'.includes(snippet[pos + 1])) {
        out += snippet[pos + 1];
        pos += 2;
      } else if (stop !== undefined && ch === stop) {
        return out;
      } else if (ch === '$') {
        out += readDollar();
      } else {
        out += ch;
        pos += 1;
      }
    }
    if (stop !== undefined) throw new Error(`Unterminated placeholder: expected "${stop}".`);
    return out;
  };
  const readDollar = (): string => {
    const bare = /^\$(\d+)/.exec(snippet.slice(pos));
    if (bare) {
      pos += bare[0].length;
      const index = Number(bare[1]);
      stops.add(index);
      return values.get(index) ?? '';
    }
    const open = /^\$\{(\d+)([:|}])/.exec(snippet.slice(pos));
    if (!open) throw new Error(`Unescaped "$" at offset ${pos}.`);
    const index = Number(open[1]);
    stops.add(index);
    pos += open[0].length;
    if (open[2] === '}') return values.get(index) ?? '';
    if (open[2] === ':') {
      const value = expandUntil('}');
      pos += 1;
      if (!values.has(index)) values.set(index, value);
      return value;
    }
    const options: string[] = [];
    for (;;) {
      options.push(expandChoice());
      const sep = snippet[pos];
      pos += 1;
      if (sep === '|') {
        if (snippet[pos] !== '}') throw new Error('A choice must end with "|}".');
        pos += 1;
        break;
      }
    }
    if (!values.has(index)) values.set(index, options[0]);
    return options[0];
  };
  const expandChoice = (): string => {
    let out = '';
    while (pos < snippet.length) {
      const ch = snippet[pos];
      if (ch === '\\' && pos + 1 < snippet.length) {
        out += snippet[pos + 1];
        pos += 2;
      } else if (ch === ',' || ch === '|') {
        return out;
      } else {
        out += ch;
        pos += 1;
      }
    }
    throw new Error('Unterminated choice.');
  };
  const text = expandUntil(undefined);
  return { text, tabStops: [...stops].sort((a, b) => a - b) };
}
