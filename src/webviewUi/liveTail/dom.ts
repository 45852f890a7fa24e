/** Creates an element with a class and optional text (always textContent: record data is never markup). */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Sets text only when it changed (avoids needless layout work). */
export function setText(node: Node, text: string): void {
  if (node.textContent !== text) node.textContent = text;
}
