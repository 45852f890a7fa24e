/**
 * The Live Tail page. Everything is built with createElement/textContent (record data is never
 * markup); the only script is this bundle, loaded with the page's CSP nonce.
 */
import {
  parsePersistedState,
  type BatchMessage,
  type ColumnsMessage,
  type FilterSpec,
  type HostToPage,
  type InitMessage,
  type PersistedPageState,
  type WireEntry,
} from '../../liveTail/shared/protocol';
import { gridColumns, type ChosenColumns } from './columns';
import { DetailPane } from './detailPane';
import { el } from './dom';
import { EntryStore } from './entryStore';
import { SchemaView } from './schemaView';
import { registerToolkit } from './toolkit';
import { Toolbar } from './toolbar';
import { VirtualList } from './virtualList';
import { acquireChannel } from './vscodeApi';
import { namesInView } from './whereCompletion';

const ROW_HEIGHT = 22;
const DEFAULT_CAPACITY = 10_000;

registerToolkit();
const channel = acquireChannel();
const restored = parsePersistedState(channel.getState());

let hub: { configId: string; hubName: string } | undefined =
  restored.configId !== undefined && restored.hubName !== undefined
    ? { configId: restored.configId, hubName: restored.hubName }
    : undefined;
let filter: FilterSpec = restored.filter ?? { tables: [], text: '' };
let store = new EntryStore(DEFAULT_CAPACITY);
let scrollRestorePending = restored.follow === false;
let selectionRestorePending = restored.selectedId;
let lastScroll = { top: restored.scrollTop ?? 0, follow: restored.follow ?? true };
let saveTimer: ReturnType<typeof setTimeout> | undefined;
/** The columns chosen per table for this hub (the host keeps them). */
let chosenColumns: ChosenColumns = {};
/** The catalog's column names per table (the where box completes them). */
let tableColumns: Readonly<Record<string, readonly string[]>> = {};

/** Keeps the page's state with VS Code: which hub to reopen after a reload, filters, scroll, selection. */
function writeState(): void {
  const state: PersistedPageState = {
    ...(hub ? { configId: hub.configId, hubName: hub.hubName } : {}),
    filter,
    scrollTop: lastScroll.top,
    follow: lastScroll.follow,
    ...(list.selected !== undefined ? { selectedId: list.selected } : {}),
    ...(schemaView.open ? { schemaOpen: true } : {}),
  };
  channel.setState(state);
}

/** writeState at most every 200 ms (scrolling, typing a filter). */
function saveState(): void {
  if (saveTimer !== undefined) return;
  saveTimer = setTimeout(() => {
    saveTimer = undefined;
    writeState();
  }, 200);
}

/** The grid shows the chosen columns of the one table the filter shows; rows of other tables with chosen columns show them in the summary. */
function updateColumns(): void {
  list.setColumns(gridColumns(filter, chosenColumns), chosenColumns);
}

function applyFilter(next: FilterSpec): void {
  filter = next;
  store.setFilter(filter);
  updateColumns();
  list.rebuilt();
  toolbar.setTotals(lastStats, store.shownCount, lastSkipped);
  channel.post({ type: 'filter', filter });
  saveState();
}

const toolbar = new Toolbar({
  pause: () => channel.post({ type: 'pause' }),
  resume: () => channel.post({ type: 'resume' }),
  clear: () => {
    detail.hide();
    list.select(undefined);
    channel.post({ type: 'clear' });
  },
  retry: () => channel.post({ type: 'retry' }),
  tablesChanged: (tables, other) =>
    applyFilter({ tables, text: filter.text, ...(other ? { other: true } : {}), ...(filter.where ? { where: filter.where } : {}) }),
  textChanged: (text) => applyFilter({ ...filter, text }),
  whereChanged: (where) => {
    const { where: _previous, ...rest } = filter;
    applyFilter(where === '' ? rest : { ...rest, where });
  },
  exportAs: (format) => channel.post({ type: 'export', format }),
  insertGetschema: () => channel.post({ type: 'insertGetschema', tables: filter.tables }),
  toggleSchema: () => setSchemaOpen(!schemaView.open),
  chooseColumns: () =>
    channel.post(
      filter.tables.length === 1 && filter.other !== true ? { type: 'chooseColumns', table: filter.tables[0] } : { type: 'chooseColumns' },
    ),
  completionNames: () =>
    namesInView(
      tableColumns,
      filter.tables,
      lastStats.tables.map((t) => t.table),
    ),
});

const detail = new DetailPane({
  copy: (text) => channel.post({ type: 'copy', text }),
  openInEditor: (text) => channel.post({ type: 'openJson', text }),
  validate: (text) => channel.post({ type: 'validate', text }),
  close: () => {
    detail.hide();
    list.focus();
  },
});

const list = new VirtualList({
  get store() {
    return store;
  },
  rowHeight: ROW_HEIGHT,
  onSelect: (entry: WireEntry | undefined) => {
    if (entry) detail.show(entry);
    saveState();
  },
  onOpen: (entry: WireEntry) => {
    list.select(entry.id);
    detail.show(entry);
    detail.focus();
    saveState();
  },
  onScroll: (top, follow) => {
    lastScroll = { top, follow };
    saveState();
  },
});

let lastStats: BatchMessage['stats'] = { receivedRecords: 0, receivedEvents: 0, malformed: 0, dropped: 0, rate: 0, tables: [] };
let lastSkipped = 0;

const schemaView = new SchemaView({ report: () => channel.post({ type: 'reportDrift' }) });

const app = document.getElementById('app') ?? document.body;
const main = el('main', 'layout');
main.append(list.element, detail.element);
app.append(toolbar.element, main, schemaView.element);

/** Shows the Schema view instead of the records (or back); the host sends its content only while it shows. */
function setSchemaOpen(open: boolean): void {
  schemaView.setOpen(open);
  main.hidden = open;
  toolbar.setSchemaOpen(open);
  channel.post({ type: 'schemaView', open });
  saveState();
}

function onInit(m: InitMessage): void {
  hub = { configId: m.hub.configId, hubName: m.hub.hubName };
  document.title = `Live Tail: ${m.hubLabel}`;
  toolbar.setStart(m.startPosition);
  toolbar.setPaused(m.paused);
  const capacity = Number.isInteger(m.capacity) && m.capacity > 0 ? m.capacity : store.capacity;
  const maxChars = typeof m.capacityBytes === 'number' && m.capacityBytes > 0 ? m.capacityBytes : Number.POSITIVE_INFINITY;
  if (capacity !== store.capacity || maxChars !== store.maxChars) store = new EntryStore(capacity, maxChars);
  toolbar.tableFilter.setKnownTables(m.knownTables, m.tableNotes);
  tableColumns = typeof m.tableColumns === 'object' && m.tableColumns !== null ? m.tableColumns : {};
  toolbar.tableFilter.setSelected(filter.tables, false, filter.other === true);
  toolbar.setText(filter.text);
  toolbar.setWhere(filter.where ?? '');
  store.setFilter(filter);
  channel.post({ type: 'filter', filter });
  // At once, not debounced: a window reloaded before the timer fired would save the panel without
  // its hub, and the serializer could not restore it.
  writeState();
}

function onColumns(m: ColumnsMessage): void {
  const chosen: Record<string, readonly string[]> = {};
  if (typeof m.chosen === 'object' && m.chosen !== null)
    for (const [table, columns] of Object.entries(m.chosen))
      if (Array.isArray(columns) && columns.every((c) => typeof c === 'string')) chosen[table] = columns;
  chosenColumns = chosen;
  updateColumns();
}

function onBatch(m: BatchMessage): void {
  if (m.reset) {
    store.clear();
  }
  const { droppedShown } = store.add(m.entries);
  if (m.reset) list.rebuilt();
  else list.refresh(droppedShown);
  lastStats = m.stats;
  toolbar.setPaused(m.paused);
  toolbar.setConnection(m.connection);
  lastSkipped = m.skipped ?? 0;
  toolbar.setTotals(m.stats, store.shownCount, lastSkipped);
  toolbar.tableFilter.updateCounts(m.stats.tables, m.stats.other);
  if (m.entries.length > 0) restoreView();
}

/** After a reload: the scroll position and selection come back once the replay holds them. */
function restoreView(): void {
  if (selectionRestorePending !== undefined) {
    const index = store.indexOfId(selectionRestorePending);
    const entry = index >= 0 ? store.shownAt(index) : undefined;
    if (entry) {
      list.select(entry.id);
      detail.show(entry);
      selectionRestorePending = undefined;
    }
  }
  if (scrollRestorePending && store.shownCount * ROW_HEIGHT > lastScroll.top) {
    scrollRestorePending = false;
    list.restoreScroll(lastScroll.top, false);
  }
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const m = event.data as HostToPage | null;
  if (typeof m !== 'object' || m === null) return;
  switch (m.type) {
    case 'init':
      onInit(m);
      break;
    case 'batch':
      onBatch(m);
      break;
    case 'notice':
      toolbar.showNotice(m.level, m.text);
      break;
    case 'schema':
      schemaView.update(m);
      break;
    case 'columns':
      onColumns(m);
      break;
  }
});

channel.post({ type: 'ready' });
if (restored.schemaOpen === true) setSchemaOpen(true);
