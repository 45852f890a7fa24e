/** Most marks in one cell (a one-letter filter over a long summary stays cheap). */
const MAX_MARKS = 50;

/**
 * Sets `node`'s text to `text` with each case-insensitive occurrence of `needle` in a <mark>: text nodes
 * and elements built with DOM APIs (record data is never markup). Without a needle, or when lower-casing
 * changes the text's length (so positions would not line up), the text stays plain.
 */
export function setHighlightedText(node: HTMLElement, text: string, needle: string): void {
  const lower = needle === '' ? '' : text.toLowerCase();
  const want = needle.toLowerCase();
  let at = needle === '' || lower.length !== text.length ? -1 : lower.indexOf(want);
  if (at < 0) {
    if (node.childElementCount > 0 || node.textContent !== text) node.textContent = text;
    return;
  }
  const parts: Array<string | HTMLElement> = [];
  let from = 0;
  for (let marks = 0; at >= 0 && marks < MAX_MARKS; marks++) {
    if (at > from) parts.push(text.slice(from, at));
    const mark = document.createElement('mark');
    mark.textContent = text.slice(at, at + want.length);
    parts.push(mark);
    from = at + want.length;
    at = lower.indexOf(want, from);
  }
  if (from < text.length) parts.push(text.slice(from));
  node.replaceChildren(...parts);
}
