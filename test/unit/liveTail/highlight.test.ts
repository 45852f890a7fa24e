// The row highlighter over a minimal DOM (the page test checks it in Chromium).
import assert from 'node:assert/strict';
import { setHighlightedText } from '../../../src/webviewUi/liveTail/highlight';

interface FakeNode {
  tag?: string;
  textContent: string;
  childElementCount: number;
  children: Array<string | FakeNode>;
  replaceChildren(...parts: Array<string | FakeNode>): void;
}

function fakeNode(tag?: string): FakeNode {
  const node: FakeNode = {
    tag,
    childElementCount: 0,
    children: [],
    get textContent() {
      return this.children.map((c) => (typeof c === 'string' ? c : c.textContent)).join('');
    },
    set textContent(text: string) {
      this.children = [text];
      this.childElementCount = 0;
    },
    replaceChildren(...parts) {
      this.children = parts;
      this.childElementCount = parts.filter((p) => typeof p !== 'string').length;
    },
  };
  return node;
}

describe('page: text filter highlight', () => {
  const g = globalThis as { document?: unknown };
  let saved: unknown;
  before(() => {
    saved = g.document;
    g.document = { createElement: (tag: string) => fakeNode(tag) };
  });
  after(() => {
    g.document = saved;
  });
  const shape = (n: FakeNode) => n.children.map((c) => (typeof c === 'string' ? c : `<${c.tag}>${c.textContent}`));

  it('marks each case-insensitive match as an element, the rest as text', () => {
    const node = fakeNode();
    setHighlightedText(node as unknown as HTMLElement, 'PowerShell ran powershell.exe', 'powershell');
    assert.deepEqual(shape(node), ['<mark>PowerShell', ' ran ', '<mark>powershell', '.exe']);
    setHighlightedText(node as unknown as HTMLElement, '<b>x</b>', '<b>');
    assert.deepEqual(shape(node), ['<mark><b>', 'x</b>'], 'markup in data stays text');
  });

  it('leaves plain text without a needle, without a match, or when lower case changes the length', () => {
    const node = fakeNode();
    for (const [text, needle] of [
      ['abc', ''],
      ['abc', 'x'],
      ['İstanbul', 'stan'],
    ]) {
      setHighlightedText(node as unknown as HTMLElement, text as string, needle as string);
      assert.deepEqual(shape(node), [text]);
    }
  });

  it('marks at most 50 matches in a cell', () => {
    const node = fakeNode();
    setHighlightedText(node as unknown as HTMLElement, 'a'.repeat(200), 'a');
    assert.equal(node.childElementCount, 50);
    assert.equal(node.textContent, 'a'.repeat(200));
  });
});
