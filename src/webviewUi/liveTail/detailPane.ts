import type { WireEntry } from '../../liveTail/shared/protocol';
import { el } from './dom';
import { plainJson, renderJsonTree, toggleFold } from './jsonView';
import { createButton } from './toolkit';

export interface DetailActions {
  copy(text: string): void;
  openInEditor(text: string): void;
  validate(text: string): void;
  close(): void;
}

/**
 * The selected entry in full: a record's JSON re-indented (values as received), or a malformed message's
 * reason and raw preview. Copy and Open in Editor take a record's JSON exactly as received.
 */
export class DetailPane {
  readonly element: HTMLElement;
  private readonly title: HTMLElement;
  private readonly body: HTMLPreElement;
  private readonly validateButton;
  private readonly openButton;
  private current: WireEntry | undefined;
  /** What Copy and Open in Editor send: a record's JSON as received, a malformed message's preview. */
  private text = '';

  constructor(actions: DetailActions) {
    this.element = el('section', 'detail');
    this.element.setAttribute('aria-label', 'Selected record');
    this.element.hidden = true;
    const head = el('div', 'detail-head');
    this.title = el('span', 'detail-title');
    const copy = createButton('Copy', { title: 'Copy the JSON, as received, to the clipboard', id: 'detail-copy' });
    this.openButton = createButton('Open in Editor', { title: 'Open the JSON in a new editor', id: 'detail-open' });
    this.validateButton = createButton('Validate', {
      title: 'Validate the record against the Defender streaming schema',
      id: 'detail-validate',
    });
    const close = createButton('Close', { appearance: 'secondary', title: 'Close the detail (Escape)', id: 'detail-close' });
    copy.onClick(() => actions.copy(this.text));
    this.openButton.onClick(() => actions.openInEditor(this.text));
    this.validateButton.onClick(() => {
      if (this.current?.kind === 'record') actions.validate(this.current.json);
    });
    close.onClick(() => actions.close());
    head.append(this.title, copy.element, this.openButton.element, this.validateButton.element, close.element);
    this.body = el('pre', 'detail-body');
    this.body.tabIndex = 0;
    this.body.setAttribute('aria-label', 'Record JSON');
    this.element.append(head, this.body);
    // The fold toggles of the JSON: a click, or Enter / Space when one has the focus.
    this.body.addEventListener('click', (e) => {
      const toggle = e.target instanceof Element ? e.target.closest<HTMLElement>('.json-toggle') : null;
      if (toggle) toggleFold(toggle);
    });
    this.body.addEventListener('keydown', (e) => {
      const target = e.target instanceof HTMLElement ? e.target : null;
      if (!target?.classList.contains('json-toggle') || (e.key !== 'Enter' && e.key !== ' ')) return;
      e.preventDefault();
      toggleFold(target);
    });
    this.element.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        actions.close();
      }
    });
  }

  get entry(): WireEntry | undefined {
    return this.current;
  }

  show(entry: WireEntry): void {
    this.current = entry;
    if (entry.kind === 'malformed') {
      this.title.textContent = `Malformed message (${entry.reason ?? 'unknown'}) · partition ${entry.partition} · sequence ${entry.seq}`;
      this.text = entry.json;
      this.body.textContent = `${entry.summary}\n\nRaw preview:\n${entry.json}`;
      this.body.classList.add('plain');
    } else {
      this.title.textContent = `${entry.table || '(no category)'} · partition ${entry.partition} · sequence ${entry.seq}`;
      this.text = entry.json;
      this.body.replaceChildren();
      // Coloured and foldable; a record too large or too deep for that is plain text.
      const tree = renderJsonTree(this.body, entry.json);
      this.body.classList.toggle('plain', !tree);
      if (!tree) this.body.textContent = plainJson(entry.json);
    }
    this.validateButton.setDisabled(entry.kind !== 'record');
    this.element.hidden = false;
  }

  hide(): void {
    this.current = undefined;
    this.text = '';
    this.body.textContent = '';
    this.element.hidden = true;
  }

  focus(): void {
    this.body.focus();
  }
}
