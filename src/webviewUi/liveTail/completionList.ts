import { el } from './dom';

/**
 * The list of names under the where box: a listbox whose active option moves with the arrow keys
 * (the focus stays in the box); a click or Enter / Tab takes a name. Names are text (textContent).
 */
export class CompletionList {
  readonly element: HTMLUListElement;
  private names: string[] = [];
  private activeIndex = 0;
  /** The highlight was moved with the arrow keys since the list showed (then Enter takes the name). */
  navigated = false;

  constructor(
    id: string,
    private readonly accept: (name: string) => void,
    /** The box the list completes: its `aria-expanded` says whether the list shows. */
    private readonly owner?: HTMLElement,
  ) {
    this.element = el('ul', 'completions');
    this.element.id = id;
    this.element.setAttribute('role', 'listbox');
    this.element.setAttribute('aria-label', 'Column names');
    this.element.hidden = true;
    // mousedown, not click: the box keeps the focus.
    this.element.addEventListener('mousedown', (e) => {
      const item = e.target instanceof Element ? e.target.closest<HTMLElement>('[role=option]') : null;
      if (!item) return;
      e.preventDefault();
      const name = this.names[Number(item.dataset.index)];
      if (name !== undefined) this.accept(name);
    });
  }

  get isOpen(): boolean {
    return !this.element.hidden;
  }

  /** The highlighted name. */
  get active(): string | undefined {
    return this.isOpen ? this.names[this.activeIndex] : undefined;
  }

  show(names: readonly string[]): void {
    this.names = [...names];
    this.activeIndex = 0;
    this.navigated = false;
    this.element.replaceChildren(
      ...this.names.map((name, i) => {
        const item = el('li', 'completion', name);
        item.id = `${this.element.id}-${i}`;
        item.dataset.index = String(i);
        item.setAttribute('role', 'option');
        return item;
      }),
    );
    this.element.hidden = this.names.length === 0;
    this.owner?.setAttribute('aria-expanded', String(!this.element.hidden));
    this.mark();
  }

  hide(): void {
    this.element.hidden = true;
    this.owner?.setAttribute('aria-expanded', 'false');
    this.names = [];
    this.element.replaceChildren();
  }

  /** Moves the highlight (wrapping). */
  move(delta: number): void {
    if (this.names.length === 0) return;
    this.navigated = true;
    this.activeIndex = (this.activeIndex + delta + this.names.length) % this.names.length;
    this.mark();
  }

  private mark(): void {
    this.element.querySelectorAll('[role=option]').forEach((item, i) => {
      const active = i === this.activeIndex;
      item.classList.toggle('active', active);
      item.setAttribute('aria-selected', String(active));
      if (active) (item as HTMLElement).scrollIntoView({ block: 'nearest' });
    });
  }
}
