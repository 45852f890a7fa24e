import { compileWhereFilter, type WhereProblem } from '../../core/filter/where/where';
import type { ExportFormat, WireConnection, WireStats } from '../../liveTail/shared/protocol';
import { el, setText } from './dom';
import { describeConnection, formatCount, formatRate } from './format';
import { CompletionList } from './completionList';
import { TableFilter } from './tableFilter';
import { applyCompletion, completeNames, completionAt } from './whereCompletion';
import { createButton, createTextField } from './toolkit';

export interface ToolbarActions {
  pause(): void;
  resume(): void;
  clear(): void;
  retry(): void;
  tablesChanged(tables: string[], other: boolean): void;
  textChanged(text: string): void;
  /** A valid where expression was applied (Enter); "" clears it. */
  whereChanged(where: string): void;
  exportAs(format: ExportFormat): void;
  insertGetschema(): void;
  /** The Schema toggle: show the Schema view instead of the records, or back. */
  toggleSchema(): void;
  /** "Columns…": choose the columns the rows show (the host asks). */
  chooseColumns(): void;
  /** The column names the where box completes (those of the tables in view). */
  completionNames(): readonly string[];
}

/** Controls (toolkit components) and the status line: start position, connection, totals, notices. */
export class Toolbar {
  readonly element: HTMLElement;
  readonly tableFilter: TableFilter;
  private readonly pauseButton;
  private readonly retryButton;
  private readonly schemaButton;
  private readonly textField;
  private readonly whereField;
  private readonly whereError: HTMLElement;
  private readonly completions: CompletionList;
  private readonly startText: HTMLElement;
  private readonly stateBadge: HTMLElement;
  private readonly stateDetail: HTMLElement;
  private readonly totals: Record<'received' | 'shown' | 'rate' | 'malformed' | 'dropped' | 'skipped', HTMLElement>;
  private readonly notice: HTMLElement;
  private paused = false;
  private textTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(actions: ToolbarActions) {
    this.element = el('header', 'toolbar');
    const controls = el('div', 'controls');
    controls.setAttribute('role', 'toolbar');
    controls.setAttribute('aria-label', 'Live tail');

    this.pauseButton = createButton('Pause', {
      appearance: 'primary',
      id: 'pause',
      title: 'Pause the list (records keep being counted and buffered)',
    });
    this.pauseButton.onClick(() => (this.paused ? actions.resume() : actions.pause()));
    const clear = createButton('Clear', { id: 'clear', title: 'Clear the list and the counters' });
    clear.onClick(() => actions.clear());
    this.tableFilter = new TableFilter((tables, other) => actions.tablesChanged(tables, other));
    this.textField = createTextField('Filter text', { id: 'text-filter', ariaLabel: 'Filter records by text' });
    this.textField.onInput((value) => {
      if (this.textTimer !== undefined) clearTimeout(this.textTimer);
      this.textTimer = setTimeout(() => actions.textChanged(value), 150);
    });
    this.whereField = createTextField('where  e.g. ActionType == "ConnectionFailed" and RemotePort in (443, 8443)', {
      id: 'where-filter',
      ariaLabel: 'Filter records by a where expression (Enter applies)',
    });
    this.whereField.element.title =
      'A KQL-style predicate: ==, !=, =~, has, contains, startswith, in (...), between (a .. b), <, isempty(), and, or, not(). Column names complete as you type (Ctrl+Space lists them; Arrow keys, then Tab or Enter). Enter applies.';
    this.completions = new CompletionList('where-completions', (name) => this.complete(name), this.whereField.element);
    this.whereField.element.setAttribute('aria-autocomplete', 'list');
    this.whereField.element.setAttribute('aria-controls', 'where-completions');
    this.whereField.element.setAttribute('aria-expanded', 'false');
    this.whereField.onInput(() => this.suggest(actions, false));
    this.whereField.element.addEventListener('focusout', () => this.completions.hide());
    this.whereField.element.addEventListener('keydown', (event) => {
      const key = (event as KeyboardEvent).key;
      const list = this.completions;
      if (key === ' ' && (event as KeyboardEvent).ctrlKey) {
        event.preventDefault();
        this.suggest(actions, true);
      } else if (list.isOpen && (key === 'ArrowDown' || key === 'ArrowUp')) {
        event.preventDefault();
        list.move(key === 'ArrowDown' ? 1 : -1);
      } else if (list.isOpen && key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        list.hide();
      } else if (list.active !== undefined && (key === 'Tab' || (key === 'Enter' && list.navigated))) {
        // Tab takes the highlighted name; Enter too once it was chosen with the arrow keys (else Enter applies the box).
        event.preventDefault();
        this.complete(list.active);
      } else if (key === 'Enter') {
        event.preventDefault();
        list.hide();
        this.applyWhere(actions);
      }
    });
    this.whereError = el('div', 'where-error');
    this.whereError.id = 'where-error';
    this.whereError.setAttribute('role', 'alert');
    this.whereError.hidden = true;
    const exportNdjson = createButton('Export NDJSON', {
      id: 'export-ndjson',
      title: 'Save the filtered records, one JSON record per line',
    });
    exportNdjson.onClick(() => actions.exportAs('ndjson'));
    const exportBody = createButton('Export as message', {
      id: 'export-body',
      title: 'Save the filtered records as one Event Hubs message body {"records": [...]}',
    });
    exportBody.onClick(() => actions.exportAs('eventHubsBody'));
    const exportCsv = createButton('Export CSV', {
      id: 'export-csv',
      title: 'Save the filtered records as CSV: time, category, tenantId, then every column (dynamic values as JSON)',
    });
    exportCsv.onClick(() => actions.exportAs('csv'));
    const getschema = createButton('getschema Query', { id: 'getschema', title: 'Insert a getschema query for the shown tables' });
    getschema.onClick(() => actions.insertGetschema());
    this.schemaButton = createButton('Schema', {
      id: 'schema-toggle',
      title: 'Show how the records compare with the schema: columns it lacks, columns never seen, type conflicts',
    });
    this.schemaButton.element.setAttribute('aria-pressed', 'false');
    this.schemaButton.onClick(() => actions.toggleSchema());
    const columns = createButton('Columns…', {
      id: 'columns-button',
      title: 'Choose the columns the rows show, per table (kept for this hub)',
    });
    columns.onClick(() => actions.chooseColumns());
    controls.append(
      this.pauseButton.element,
      clear.element,
      this.tableFilter.button.element,
      columns.element,
      this.textField.element,
      exportNdjson.element,
      exportCsv.element,
      exportBody.element,
      getschema.element,
      this.schemaButton.element,
    );

    const status = el('div', 'status');
    this.startText = el('span', 'start', '');
    this.startText.id = 'start-position';
    const state = el('span', 'state');
    state.setAttribute('role', 'status');
    this.stateBadge = el('span', 'badge', 'Connecting…');
    this.stateBadge.id = 'connection-state';
    this.stateDetail = el('span', 'state-detail');
    this.stateDetail.id = 'connection-detail';
    this.retryButton = createButton('Retry', { appearance: 'primary', id: 'retry', title: 'Connect again' });
    this.retryButton.onClick(() => actions.retry());
    this.retryButton.element.hidden = true;
    state.append(this.stateBadge, this.stateDetail, this.retryButton.element);
    const totals = el('span', 'totals');
    totals.id = 'totals';
    const part = (label: string, id: string): HTMLElement => {
      const wrap = el('span', 'total');
      const value = el('span', 'value', '0');
      value.id = `total-${id}`;
      wrap.append(`${label} `, value);
      totals.append(wrap);
      return value;
    };
    this.totals = {
      received: part('Received', 'received'),
      shown: part('Shown', 'shown'),
      rate: part('Rate', 'rate'),
      malformed: part('Malformed', 'malformed'),
      dropped: part('Dropped', 'dropped'),
      skipped: part('Passed over', 'skipped'),
    };
    const skipped = this.totals.skipped.parentElement!;
    skipped.title =
      'Arrived faster than this page is sent (at most 5,000 a second): the newest are shown, these are in the buffer. Pause shows the buffer.';
    skipped.hidden = true;
    status.append(this.startText, state, totals);

    this.notice = el('div', 'notice');
    this.notice.id = 'notice';
    this.notice.setAttribute('role', 'status');
    this.notice.setAttribute('aria-live', 'polite');
    this.notice.hidden = true;

    const whereRow = el('div', 'where-row');
    const whereBox = el('div', 'where-box');
    whereBox.append(this.whereField.element, this.completions.element);
    whereRow.append(whereBox, this.whereError);

    this.element.append(controls, whereRow, this.tableFilter.element, status, this.notice);
  }

  /** Shows the names that fit the one typed at the caret (`always`: also when nothing is typed yet, Ctrl+Space). */
  private suggest(actions: ToolbarActions, always: boolean): void {
    const text = this.whereField.value;
    const at = completionAt(text, this.whereField.caret());
    if (!at || (at.prefix === '' && !always)) {
      this.completions.hide();
      return;
    }
    this.completions.show(completeNames(actions.completionNames(), at.prefix));
  }

  /** Puts `name` in place of the name typed at the caret. */
  private complete(name: string): void {
    const text = this.whereField.value;
    const caret = this.whereField.caret();
    const at = completionAt(text, caret);
    this.completions.hide();
    if (!at) return;
    const next = applyCompletion(text, at.start, caret, name);
    this.whereField.setText(next.text, next.caret);
  }

  /** Applies the where box if it holds a valid expression (or nothing); otherwise shows why and keeps the previous filter. */
  private applyWhere(actions: ToolbarActions): void {
    const text = this.whereField.value.trim();
    if (text === '') {
      this.showWhereProblem(undefined);
      actions.whereChanged('');
      return;
    }
    const result = compileWhereFilter(text);
    if (!result.ok) {
      this.showWhereProblem(text, result.problem);
      return;
    }
    this.showWhereProblem(undefined);
    actions.whereChanged(text);
  }

  /** The reason under the box, and the expression with the part at fault marked (text nodes and a <mark>, never markup). */
  private showWhereProblem(text: string | undefined, problem?: WhereProblem): void {
    this.whereError.replaceChildren();
    this.whereError.hidden = problem === undefined;
    if (problem === undefined || text === undefined) {
      this.whereField.element.removeAttribute('aria-invalid');
      return;
    }
    this.whereField.element.setAttribute('aria-invalid', 'true');
    const reason = el('span', 'where-reason', problem.message);
    reason.id = 'where-reason';
    const source = el('code', 'where-source');
    const start = Math.min(problem.start, text.length);
    const end = Math.max(start, Math.min(problem.end, text.length));
    const bad = el('mark', 'where-bad', end > start ? text.slice(start, end) : ' ');
    source.append(text.slice(0, start), bad, text.slice(end));
    this.whereError.append(reason, source);
  }

  setWhere(where: string): void {
    this.whereField.value = where;
  }

  setStart(text: string): void {
    setText(this.startText, `Reading ${text}`);
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.pauseButton.setLabel(paused ? 'Resume' : 'Pause');
    this.element.classList.toggle('paused', paused);
  }

  /** The Schema toggle's state: pressed while the Schema view shows. */
  setSchemaOpen(open: boolean): void {
    this.schemaButton.element.setAttribute('aria-pressed', String(open));
    this.schemaButton.setLabel(open ? 'Records' : 'Schema');
  }

  setText(text: string): void {
    this.textField.value = text;
  }

  setConnection(c: WireConnection): void {
    const d = describeConnection(c);
    setText(this.stateBadge, this.paused ? `${d.label} (paused)` : d.label);
    setText(this.stateDetail, d.detail);
    this.stateBadge.dataset.state = c.kind;
    this.element.dataset.connection = c.kind;
    this.retryButton.element.hidden = c.kind !== 'failed' && c.kind !== 'stopped';
  }

  setTotals(stats: WireStats, shown: number, skipped = 0): void {
    setText(this.totals.skipped, formatCount(skipped));
    this.totals.skipped.parentElement!.hidden = skipped === 0;
    setText(this.totals.received, formatCount(stats.receivedRecords));
    setText(this.totals.shown, formatCount(shown));
    setText(this.totals.rate, formatRate(stats.rate));
    setText(this.totals.malformed, formatCount(stats.malformed));
    setText(this.totals.dropped, formatCount(stats.dropped));
  }

  showNotice(level: 'info' | 'error', text: string): void {
    this.notice.textContent = text;
    this.notice.dataset.level = level;
    this.notice.hidden = false;
  }
}
