import type { WireConnection, WireStats } from '../../liveTail/shared/protocol';
import { el, setText } from './dom';
import { describeConnection, formatCount, formatRate } from './format';
import { TableFilter } from './tableFilter';
import { createButton, createTextField } from './toolkit';

export interface ToolbarActions {
  pause(): void;
  resume(): void;
  clear(): void;
  retry(): void;
  tablesChanged(tables: string[], other: boolean): void;
  textChanged(text: string): void;
  exportAs(format: 'ndjson' | 'eventHubsBody'): void;
  insertGetschema(): void;
}

/** Controls (toolkit components) and the status line: start position, connection, totals, notices. */
export class Toolbar {
  readonly element: HTMLElement;
  readonly tableFilter: TableFilter;
  private readonly pauseButton;
  private readonly retryButton;
  private readonly textField;
  private readonly startText: HTMLElement;
  private readonly stateBadge: HTMLElement;
  private readonly stateDetail: HTMLElement;
  private readonly totals: Record<'received' | 'shown' | 'rate' | 'malformed' | 'dropped', HTMLElement>;
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
    const getschema = createButton('getschema Query', { id: 'getschema', title: 'Insert a getschema query for the shown tables' });
    getschema.onClick(() => actions.insertGetschema());
    controls.append(
      this.pauseButton.element,
      clear.element,
      this.tableFilter.button.element,
      this.textField.element,
      exportNdjson.element,
      exportBody.element,
      getschema.element,
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
    };
    status.append(this.startText, state, totals);

    this.notice = el('div', 'notice');
    this.notice.id = 'notice';
    this.notice.setAttribute('role', 'status');
    this.notice.setAttribute('aria-live', 'polite');
    this.notice.hidden = true;

    this.element.append(controls, this.tableFilter.element, status, this.notice);
  }

  setStart(text: string): void {
    setText(this.startText, `Reading ${text}`);
  }

  setPaused(paused: boolean): void {
    this.paused = paused;
    this.pauseButton.setLabel(paused ? 'Resume' : 'Pause');
    this.element.classList.toggle('paused', paused);
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

  setTotals(stats: WireStats, shown: number): void {
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
