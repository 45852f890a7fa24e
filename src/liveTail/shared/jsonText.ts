/**
 * JSON text re-indented without parsing it: every string, number and literal is copied exactly as it
 * is written (a parse would turn 1e999 into null, round integers above 2^53, write -0 as 0 and 1.0 as 1,
 * and decode escapes such as \u00e9), only the whitespace between tokens changes. The layout is
 * JSON.stringify's with two spaces. Used by the panel (Open in Editor) and its page (the detail pane).
 * Pure: no `vscode`, no DOM.
 */

/** The text re-indented, or `undefined` when it is not shaped like one JSON value. */
export function prettyJsonText(text: string, indent = '  '): string | undefined {
  const out: string[] = [];
  const closers: string[] = [];
  const n = text.length;
  let values = 0;
  let i = 0;
  const newline = (): void => {
    out.push('\n', indent.repeat(closers.length));
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) {
      i++;
      continue;
    }
    if (closers.length === 0 && values > 0) return undefined; // a second top-level value
    const ch = text[i];
    if (ch === '"') {
      const end = stringEnd(text, i);
      if (end < 0) return undefined;
      out.push(text.slice(i, end));
      i = end;
    } else if (ch === '{' || ch === '[') {
      const closer = ch === '{' ? '}' : ']';
      const next = skipSpace(text, i + 1);
      if (text[next] === closer) {
        out.push(ch, closer);
        i = next + 1;
      } else {
        out.push(ch);
        closers.push(closer);
        newline();
        i++;
        continue;
      }
    } else if (ch === '}' || ch === ']') {
      if (closers.pop() !== ch) return undefined;
      newline();
      out.push(ch);
      i++;
    } else if (ch === ',') {
      if (closers.length === 0) return undefined;
      out.push(',');
      newline();
      i++;
      continue;
    } else if (ch === ':') {
      if (closers.length === 0) return undefined;
      out.push(': ');
      i++;
      continue;
    } else {
      const end = literalEnd(text, i);
      if (end === i) return undefined;
      out.push(text.slice(i, end));
      i = end;
    }
    if (closers.length === 0) values++;
  }
  return closers.length === 0 && values === 1 ? out.join('') : undefined;
}

/** Where the string starting at `start` (a quote) ends (after its closing quote); -1 when it does not. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c === 0x5c)
      i++; // the escaped character is copied with the backslash
    else if (c < 0x20) return -1; // raw control characters are not JSON
  }
  return -1;
}

/** The end of a number or of true/false/null: letters, digits, sign, dot. */
function literalEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && /[-+.0-9A-Za-z]/.test(text[i] as string)) i++;
  return i;
}

function skipSpace(text: string, start: number): number {
  let i = start;
  while (i < text.length && /[ \t\n\r]/.test(text[i] as string)) i++;
  return i;
}
