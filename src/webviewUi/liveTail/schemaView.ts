import type { SchemaMessage, WireSchemaTable } from '../../liveTail/shared/protocol';
import { el, setText } from './dom';
import { formatCount } from './format';
import { createButton } from './toolkit';

export interface SchemaViewActions {
  /** "Open as Markdown": the Report Schema Drift command for this tail. */
  report(): void;
}

const plural = (n: number, word: string): string => `${formatCount(n)} ${word}${n === 1 ? '' : 's'}`;

/** One table's section: a <details> kept across refreshes (its open state and focus survive). */
class TableSection {
  readonly element: HTMLDetailsElement;
  private readonly summary: HTMLElement;
  private readonly body: HTMLElement;
  /** The user opened or closed it: refreshes no longer decide. */
  private chosen = false;

  constructor(readonly table: string) {
    this.element = el('details', 'schema-table');
    this.element.dataset.table = table;
    this.summary = el('summary', 'schema-table-summary');
    this.body = el('div', 'schema-table-body');
    this.element.append(this.summary, this.body);
    this.summary.addEventListener('click', () => (this.chosen = true));
    this.summary.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' || e.key === ' ') this.chosen = true;
    });
  }

  update(t: WireSchemaTable): void {
    const unknown = t.origin === 'unknown';
    const parts = [plural(t.received, 'record')];
    if (t.learned < t.received) parts.push(`${formatCount(t.learned)} learned`);
    if (unknown) parts.push('no schema knows this table');
    else {
      parts.push(`${formatCount(t.unknownColumns.length)} not in the schema`);
      parts.push(plural(t.conflicts.length, 'type conflict'));
      parts.push(`${formatCount(t.unseenColumns.length)} never seen`);
    }
    setText(this.summary, `${t.table} (${unknown ? 'unknown table' : t.origin}): ${parts.join(' · ')}`);
    this.element.classList.toggle('drifting', unknown || t.unknownColumns.length > 0 || t.conflicts.length > 0);
    if (!this.chosen) this.element.open = unknown || t.unknownColumns.length > 0 || t.conflicts.length > 0;

    const body: Node[] = [];
    const columnsTitle = unknown ? 'Columns seen' : 'Columns the schema lacks';
    body.push(el('h3', 'schema-heading', columnsTitle));
    body.push(
      t.unknownColumns.length === 0
        ? el('p', 'schema-none', 'None.')
        : table(
            ['Column', 'Records', 'JSON types', 'Sample'],
            t.unknownColumns.map((c) => [c.name, formatCount(c.count), c.types, c.sample]),
            'schema-unknown',
          ),
    );
    if (!unknown) {
      body.push(el('h3', 'schema-heading', 'Type conflicts'));
      body.push(
        t.conflicts.length === 0
          ? el('p', 'schema-none', 'None.')
          : table(
              ['Column', 'Expected', 'Seen', 'Values', 'Sample'],
              t.conflicts.map((c) => [c.name, c.expected, c.seen, formatCount(c.count), c.sample]),
              'schema-conflicts',
            ),
      );
      body.push(el('h3', 'schema-heading', 'Schema columns never seen'));
      body.push(
        el(
          'p',
          t.unseenColumns.length === 0 ? 'schema-none' : 'schema-unseen',
          t.unseenColumns.length === 0 ? 'None.' : t.unseenColumns.map((c) => `${c.name} (${c.type})`).join(', '),
        ),
      );
    }
    if (t.omitted > 0) body.push(el('p', 'schema-note', `${plural(t.omitted, 'more column')} not shown here: see Open as Markdown.`));
    this.body.replaceChildren(...body);
  }
}

function table(header: readonly string[], rows: ReadonlyArray<readonly string[]>, className: string): HTMLTableElement {
  const t = el('table', `schema-grid ${className}`);
  const head = el('thead');
  const headRow = el('tr');
  for (const h of header) {
    const th = el('th', undefined, h);
    th.scope = 'col';
    headRow.append(th);
  }
  head.append(headRow);
  const body = el('tbody');
  for (const row of rows) {
    const tr = el('tr');
    for (const cell of row) tr.append(el('td', undefined, cell));
    body.append(tr);
  }
  t.append(head, body);
  return t;
}

/**
 * The Schema view: per table, records seen, the columns the schema lacks (count, JSON types, sample),
 * the schema's columns never seen, and type conflicts. Built with createElement/textContent only (names
 * and samples are record data); tables are <details> elements (keyboard: Tab to a table, Enter/Space to
 * open it). Sections are kept across refreshes so an open table and the focus stay put.
 */
export class SchemaView {
  readonly element: HTMLElement;
  private readonly schemaText: HTMLElement;
  private readonly samplingText: HTMLElement;
  private readonly notes: HTMLElement;
  private readonly empty: HTMLElement;
  private readonly list: HTMLElement;
  private readonly sections = new Map<string, TableSection>();

  constructor(actions: SchemaViewActions) {
    this.element = el('section', 'schema-view');
    this.element.id = 'schema-view';
    this.element.setAttribute('aria-label', 'Schema drift');
    this.element.hidden = true;
    const head = el('div', 'schema-head');
    const texts = el('div', 'schema-texts');
    this.schemaText = el('p', 'schema-source', 'Loading the schema…');
    this.schemaText.id = 'schema-source';
    this.samplingText = el('p', 'schema-sampling');
    texts.append(this.schemaText, this.samplingText);
    const report = createButton('Open as Markdown', {
      id: 'schema-report',
      title: 'Open the schema drift report of this tail in an editor',
    });
    report.onClick(() => actions.report());
    head.append(texts, report.element);
    this.notes = el('div', 'schema-notes');
    this.notes.setAttribute('role', 'status');
    this.empty = el('p', 'schema-none', 'No records yet.');
    this.empty.id = 'schema-empty';
    this.list = el('div', 'schema-tables');
    this.list.id = 'schema-tables';
    this.element.append(head, this.notes, this.empty, this.list);
  }

  get open(): boolean {
    return !this.element.hidden;
  }

  setOpen(open: boolean): void {
    this.element.hidden = !open;
  }

  update(m: SchemaMessage): void {
    setText(this.schemaText, `Checked against: ${m.schema}`);
    setText(this.samplingText, m.sampling);
    const notes = [...m.notes];
    if (m.omittedTables > 0) notes.push(`${plural(m.omittedTables, 'more table')} not shown here: see Open as Markdown.`);
    this.notes.replaceChildren(...notes.map((n) => el('p', 'schema-note', n)));
    this.empty.hidden = m.tables.length > 0;
    const keep = new Set<string>();
    const ordered: HTMLElement[] = [];
    for (const t of m.tables) {
      let section = this.sections.get(t.table);
      if (!section) {
        section = new TableSection(t.table);
        this.sections.set(t.table, section);
      }
      section.update(t);
      keep.add(t.table);
      ordered.push(section.element);
    }
    for (const [name, section] of this.sections) {
      if (keep.has(name)) continue;
      section.element.remove();
      this.sections.delete(name);
    }
    // Reorder only when the order changed (moving a focused element would drop the focus).
    const current = Array.from(this.list.children);
    if (current.length !== ordered.length || ordered.some((node, i) => current[i] !== node)) this.list.replaceChildren(...ordered);
  }
}
