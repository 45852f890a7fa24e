// The Advanced Hunting results page: a toolbar, a status line and a virtualised grid (only the rows in
// view are in the DOM). Everything is built with createElement/textContent.
import type { HostToResultsPage, ResultsPageToHost } from './protocol';

interface VsCodeApi {
  postMessage(message: ResultsPageToHost): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

const ROW_HEIGHT = 22;
const OVERSCAN = 10;
const vscode = acquireVsCodeApi();

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

const app = document.getElementById('app') as HTMLElement;
const toolbar = el('div', 'toolbar');
const buttons = (['copy', 'exportCsv', 'exportJson'] as const).map((type) => {
  const button = el('button', undefined, type === 'copy' ? 'Copy as CSV' : type === 'exportCsv' ? 'Export CSV…' : 'Export JSON…');
  button.disabled = true;
  button.addEventListener('click', () => vscode.postMessage({ type }));
  toolbar.append(button);
  return button;
});
const status = el('div', 'status', 'Waiting for the query…');
status.setAttribute('role', 'status');
const queryText = el('pre', 'query');
const scroller = el('div', 'grid');
scroller.tabIndex = 0;
const table = el('table');
const head = el('thead');
const body = el('tbody');
table.append(head, body);
scroller.append(table);
app.append(toolbar, status, queryText, scroller);

let rows: readonly (readonly string[])[] = [];
let columnCount = 0;

function spacer(height: number): HTMLTableRowElement {
  const tr = el('tr', 'spacer');
  const td = el('td');
  td.colSpan = Math.max(1, columnCount);
  tr.style.height = `${height}px`;
  tr.append(td);
  return tr;
}

function renderRows(): void {
  const first = Math.max(0, Math.floor(scroller.scrollTop / ROW_HEIGHT) - OVERSCAN);
  const visible = Math.ceil(scroller.clientHeight / ROW_HEIGHT) + 2 * OVERSCAN;
  const last = Math.min(rows.length, first + visible);
  const fragment = document.createDocumentFragment();
  fragment.append(spacer(first * ROW_HEIGHT));
  for (let i = first; i < last; i++) {
    const tr = el('tr');
    for (const cell of rows[i]) {
      const td = el('td', undefined, cell);
      td.title = cell.length > 2000 ? `${cell.slice(0, 2000)}…` : cell;
      tr.append(td);
    }
    fragment.append(tr);
  }
  fragment.append(spacer((rows.length - last) * ROW_HEIGHT));
  body.replaceChildren(fragment);
}

let frame = 0;
scroller.addEventListener('scroll', () => {
  if (frame) return;
  frame = requestAnimationFrame(() => {
    frame = 0;
    renderRows();
  });
});
window.addEventListener('resize', renderRows);

function show(message: HostToResultsPage): void {
  if (message.type === 'waiting') {
    status.textContent = message.message;
    return;
  }
  queryText.textContent = message.query;
  for (const b of buttons) b.disabled = message.type !== 'result';
  if (message.type === 'running') {
    status.textContent = 'Running in Advanced Hunting…';
    rows = [];
    columnCount = 0;
    head.replaceChildren();
    body.replaceChildren();
    return;
  }
  if (message.type === 'failed') {
    status.textContent = message.message;
    status.className = 'status error';
    return;
  }
  status.className = 'status';
  const shown = message.rows.length < message.rowCount ? ` (first ${message.rows.length} shown; export has all)` : '';
  status.textContent = `${message.rowCount} row${message.rowCount === 1 ? '' : 's'}${shown} · ${(message.durationMs / 1000).toFixed(1)} s`;
  const tr = el('tr');
  for (const c of message.columns) {
    const th = el('th', undefined, c.name);
    th.title = `${c.name}: ${c.type}`;
    tr.append(th);
  }
  head.replaceChildren(tr);
  rows = message.rows;
  columnCount = message.columns.length;
  scroller.scrollTop = 0;
  renderRows();
}

window.addEventListener('message', (event: MessageEvent<HostToResultsPage>) => show(event.data));
vscode.postMessage({ type: 'ready' });
