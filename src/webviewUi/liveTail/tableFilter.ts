import type { WireStats, WireTableCount } from '../../liveTail/shared/protocol';
import { el, setText } from './dom';
import { formatCount } from './format';
import { createButton, createCheckbox, type CheckboxControl } from './toolkit';

interface TableOption {
  readonly box: CheckboxControl;
  known: boolean;
}

/**
 * Multi-select of tables: the catalog's tables, then any table seen in the stream that the catalog
 * does not know, each with its live count, and last "Other tables" for the tables the tail counts
 * together (beyond the ones it counts one by one). Nothing selected = every table.
 */
export class TableFilter {
  readonly button;
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private readonly options = new Map<string, TableOption>();
  private selected = new Set<string>();
  private otherSelected = false;
  private readonly otherBox: CheckboxControl;
  private suppress = false;
  private counts: readonly WireTableCount[] = [];
  /** Per table, its streaming status when it is not a streamed (GA) one (from the catalog). */
  private notes: Readonly<Record<string, string>> = {};
  private otherCount: WireStats['other'];

  constructor(private readonly onChange: (tables: string[], other: boolean) => void) {
    this.button = createButton('Tables: all', { title: 'Filter by Advanced Hunting table', id: 'tables-button' });
    this.button.element.setAttribute('aria-haspopup', 'true');
    this.button.element.setAttribute('aria-expanded', 'false');
    this.element = el('div', 'table-filter');
    this.element.id = 'table-filter';
    this.element.hidden = true;
    this.element.setAttribute('role', 'group');
    this.element.setAttribute('aria-label', 'Tables to show');
    const actions = el('div', 'table-filter-actions');
    const all = createButton('Show all tables', { appearance: 'secondary', id: 'tables-all' });
    all.onClick(() => this.setSelected([], true, false));
    const close = createButton('Done', { appearance: 'primary', id: 'tables-done' });
    close.onClick(() => this.toggle(false));
    actions.append(all.element, close.element);
    this.list = el('div', 'table-filter-list');
    this.otherBox = createCheckbox();
    this.otherBox.element.id = 'tables-other';
    this.otherBox.element.hidden = true;
    this.otherBox.label.textContent = 'Other tables';
    this.otherBox.onChange((checked) => {
      if (this.suppress || checked === this.otherSelected) return;
      this.otherSelected = checked;
      this.updateButton();
      this.onChange(this.tables, this.otherSelected);
    });
    this.element.append(actions, this.list, this.otherBox.element);
    this.button.onClick(() => this.toggle(this.element.hidden));
    this.element.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        this.toggle(false);
        this.button.element.focus();
      }
    });
  }

  get tables(): string[] {
    return [...this.selected];
  }

  /** Whether "Other tables" is selected. */
  get other(): boolean {
    return this.otherSelected;
  }

  setKnownTables(names: readonly string[], notes: Readonly<Record<string, string>> = {}): void {
    this.notes = notes;
    for (const name of names) this.option(name, true);
  }

  /**
   * Live counts (and those of the "other tables"); adds tables seen for the first time (unknown ones
   * after the catalog's). Drawn while the list is open.
   */
  updateCounts(counts: readonly WireTableCount[], other?: WireStats['other']): void {
    this.counts = counts;
    this.otherCount = other;
    if (!this.element.hidden) this.drawCounts();
  }

  private drawCounts(): void {
    const counts = this.counts;
    const byName = new Map(counts.map((c) => [c.table, c]));
    for (const c of counts) if (c.table !== '') this.option(c.table, c.known);
    for (const [name, opt] of this.options) {
      const n = byName.get(name)?.records ?? 0;
      setText(opt.box.label, `${name}${this.noteOf(name, opt.known)} · ${formatCount(n)}`);
    }
    const other = this.otherCount;
    this.otherBox.element.hidden = other === undefined && !this.otherSelected;
    setText(this.otherBox.label, `Other tables (counted together) · ${formatCount(other?.records ?? 0)}`);
  }

  /** Selects these tables, and "Other tables" or not (e.g. restored state); `notify` reports the change. */
  setSelected(tables: readonly string[], notify: boolean, other = false): void {
    this.selected = new Set(tables);
    this.otherSelected = other;
    for (const t of tables) if (!this.options.has(t)) this.option(t, false);
    this.suppress = true;
    for (const [name, opt] of this.options) opt.box.checked = this.selected.has(name);
    this.otherBox.checked = other;
    if (other) this.otherBox.element.hidden = false;
    this.suppress = false;
    this.updateButton();
    if (notify) this.onChange(this.tables, this.otherSelected);
  }

  /** " (seen in real streams)", " (Advanced Hunting only)", " (not in catalog)" or nothing for a streamed table. */
  private noteOf(name: string, known: boolean): string {
    const note = Object.prototype.hasOwnProperty.call(this.notes, name) ? this.notes[name] : undefined;
    if (note !== undefined) return ` (${note})`;
    return known ? '' : ' (not in catalog)';
  }

  private toggle(open: boolean): void {
    if (open) this.drawCounts();
    this.element.hidden = !open;
    this.button.element.setAttribute('aria-expanded', String(open));
    if (open) (this.list.firstElementChild as HTMLElement | null)?.focus();
  }

  private option(name: string, known: boolean): TableOption {
    let opt = this.options.get(name);
    if (!opt) {
      const box = createCheckbox(name);
      box.label.textContent = name;
      opt = { box, known };
      this.options.set(name, opt);
      box.checked = this.selected.has(name);
      box.onChange((checked) => {
        if (this.suppress) return;
        if (checked === this.selected.has(name)) return;
        if (checked) this.selected.add(name);
        else this.selected.delete(name);
        this.updateButton();
        this.onChange(this.tables, this.otherSelected);
      });
      this.list.append(box.element);
    }
    return opt;
  }

  private updateButton(): void {
    const n = this.selected.size + (this.otherSelected ? 1 : 0);
    const only = this.selected.size === 1 ? `Table: ${[...this.selected][0] as string}` : 'Tables: other';
    this.button.setLabel(n === 0 ? 'Tables: all' : n === 1 ? only : `Tables: ${n}`);
  }
}
