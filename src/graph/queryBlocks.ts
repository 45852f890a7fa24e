/**
 * KQL queries in a document, the way Kusto editors see them: a query is a paragraph, the lines
 * between blank lines. Lines are 0-based; `end` is the last line of the block.
 */
export interface QueryBlock {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

const BLANK = /^\s*$/;
const COMMENT = /^\s*\/\//;

/** Every paragraph that holds more than comments, in order (at most `limit`). */
export function queryBlocks(lines: readonly string[], limit = 1000): QueryBlock[] {
  const blocks: QueryBlock[] = [];
  let start = -1;
  for (let i = 0; i <= lines.length && blocks.length < limit; i++) {
    const blank = i === lines.length || BLANK.test(lines[i]);
    if (!blank && start < 0) start = i;
    if (blank && start >= 0) {
      const block = lines.slice(start, i);
      if (block.some((l) => !COMMENT.test(l))) blocks.push({ start, end: i - 1, text: block.join('\n') });
      start = -1;
    }
  }
  return blocks;
}

/** The query around `line`: its paragraph, or undefined on a blank line or a paragraph of comments only. */
export function queryAt(lines: readonly string[], line: number): QueryBlock | undefined {
  if (line < 0 || line >= lines.length || BLANK.test(lines[line])) return undefined;
  let start = line;
  while (start > 0 && !BLANK.test(lines[start - 1])) start--;
  let end = line;
  while (end < lines.length - 1 && !BLANK.test(lines[end + 1])) end++;
  const block = lines.slice(start, end + 1);
  return block.some((l) => !COMMENT.test(l)) ? { start, end, text: block.join('\n') } : undefined;
}
