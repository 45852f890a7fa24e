/**
 * The one module that knows the component library (@vscode/webview-ui-toolkit, archived upstream).
 * Everything else asks for controls through these functions, so the library can be swapped (e.g. for
 * @vscode-elements/elements) here alone. Labels are set with textContent.
 * (Not `vscode-badge`: its template sets a style attribute, which the page's CSP blocks.)
 */
import { provideVSCodeDesignSystem, vsCodeButton, vsCodeCheckbox, vsCodeTextField } from '@vscode/webview-ui-toolkit';

let registered = false;

/** Defines the custom elements used by the page (once). */
export function registerToolkit(): void {
  if (registered) return;
  registered = true;
  provideVSCodeDesignSystem().register(vsCodeButton(), vsCodeTextField(), vsCodeCheckbox());
}

export type ButtonAppearance = 'primary' | 'secondary' | 'icon';

export interface ButtonControl {
  readonly element: HTMLElement;
  setLabel(text: string): void;
  setDisabled(disabled: boolean): void;
  onClick(handler: () => void): void;
}

export function createButton(label: string, options: { appearance?: ButtonAppearance; title?: string; id?: string } = {}): ButtonControl {
  const element = document.createElement('vscode-button');
  element.setAttribute('appearance', options.appearance ?? 'secondary');
  if (options.title) element.setAttribute('title', options.title);
  if (options.id) element.id = options.id;
  element.textContent = label;
  return {
    element,
    setLabel: (text) => {
      if (element.textContent !== text) element.textContent = text;
    },
    setDisabled: (disabled) => {
      if (disabled) element.setAttribute('disabled', '');
      else element.removeAttribute('disabled');
    },
    onClick: (handler) =>
      element.addEventListener('click', () => {
        if (!element.hasAttribute('disabled')) handler();
      }),
  };
}

export interface TextFieldControl {
  readonly element: HTMLElement;
  get value(): string;
  set value(text: string);
  onInput(handler: (value: string) => void): void;
  /** Where the caret is in the text (its end when unknown). */
  caret(): number;
  /** Sets the text and puts the caret at `caret`. */
  setText(text: string, caret: number): void;
}

export function createTextField(placeholder: string, options: { id?: string; ariaLabel?: string } = {}): TextFieldControl {
  const element = document.createElement('vscode-text-field') as HTMLElement & { value: string };
  element.setAttribute('placeholder', placeholder);
  element.setAttribute('aria-label', options.ariaLabel ?? placeholder);
  if (options.id) element.id = options.id;
  return {
    element,
    get value() {
      return element.value ?? '';
    },
    set value(text: string) {
      element.value = text;
    },
    onInput: (handler) => element.addEventListener('input', () => handler(element.value ?? '')),
    caret: () => inner()?.selectionStart ?? (element.value ?? '').length,
    setText: (text, caret) => {
      element.value = text;
      const input = inner();
      if (!input) return;
      input.value = text;
      input.setSelectionRange(caret, caret);
    },
  };
  /** The component's own input element (in its shadow root). */
  function inner(): HTMLInputElement | undefined {
    const control = (element as unknown as { control?: unknown }).control;
    if (control instanceof HTMLInputElement) return control;
    return element.shadowRoot?.querySelector('input') ?? undefined;
  }
}

export interface CheckboxControl {
  readonly element: HTMLElement;
  get checked(): boolean;
  set checked(on: boolean);
  /** The text beside the box. */
  readonly label: HTMLElement;
  onChange(handler: (checked: boolean) => void): void;
}

/** A checkbox; `value` (e.g. a table name) is kept in `data-value` when given. */
export function createCheckbox(value?: string): CheckboxControl {
  const element = document.createElement('vscode-checkbox') as HTMLElement & { checked: boolean };
  if (value !== undefined) element.dataset.value = value;
  const label = document.createElement('span');
  element.append(label);
  return {
    element,
    label,
    get checked() {
      return element.checked === true;
    },
    set checked(on: boolean) {
      element.checked = on;
    },
    onChange: (handler) => element.addEventListener('change', () => handler(element.checked === true)),
  };
}
