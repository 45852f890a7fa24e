// Notifications (toasts in the bottom-right corner, and the notification center).
import type { Locator, Page } from 'playwright-core';
import { sleep } from './probe';

export interface NotificationInfo {
  message: string;
  severity: 'error' | 'warning' | 'info';
  /** "Source: <extension name>" as shown. */
  source: string;
  buttons: string[];
}

async function read(item: Locator): Promise<NotificationInfo> {
  return item.evaluate((el) => {
    const icon = el.querySelector('.notification-list-item-icon')?.className ?? '';
    return {
      message: (el.querySelector('.notification-list-item-message')?.textContent ?? '').trim(),
      severity: icon.includes('codicon-error') ? 'error' : icon.includes('codicon-warning') ? 'warning' : 'info',
      source: (el.querySelector('.notification-list-item-source')?.textContent ?? '').replace(/^Source:\s*/, '').trim(),
      buttons: [...el.querySelectorAll('.notification-list-item-buttons-container .monaco-button')].map((b) =>
        (b.textContent ?? '').trim(),
      ),
    } as const;
  });
}

export class Notifications {
  constructor(private readonly page: Page) {}

  private toastItems(): Locator {
    return this.page.locator('.notifications-toasts .notification-toast-container .notification-list-item');
  }

  /** Notifications currently shown as toasts. */
  async toasts(): Promise<NotificationInfo[]> {
    const items = await this.toastItems().all();
    const result: NotificationInfo[] = [];
    for (const item of items) if (await item.isVisible()) result.push(await read(item));
    return result;
  }

  private matching(text: string | RegExp): Locator {
    return this.toastItems().filter({ has: this.page.locator('.notification-list-item-message').getByText(text) });
  }

  /** Waits for a toast whose message contains text (or matches the RegExp) and returns it. */
  async waitFor(text: string | RegExp, timeout = 20_000): Promise<NotificationInfo> {
    const item = this.matching(text).first();
    try {
      await item.waitFor({ state: 'visible', timeout });
    } catch {
      const shown = (await this.toasts()).map((n) => n.message);
      throw new Error(`no notification matching ${String(text)} within ${timeout / 1000} s; shown: ${JSON.stringify(shown)}`);
    }
    return read(item);
  }

  /** Clicks a button of the toast matching text. */
  async clickButton(text: string | RegExp, button: string): Promise<void> {
    await this.waitFor(text);
    const item = this.matching(text).first();
    await item.locator('.notification-list-item-buttons-container .monaco-button').getByText(button, { exact: true }).click();
  }

  /** Closes the toast matching text with its "Clear Notification" action. */
  async dismiss(text: string | RegExp): Promise<void> {
    const item = this.matching(text).first();
    await item.hover();
    await item.locator('.codicon-notifications-clear').click();
    await item.waitFor({ state: 'hidden' });
  }

  /** The toast matching text if one shows up within forMs, else undefined (for "no error shown" checks). */
  async appearsWithin(text: string | RegExp, forMs = 1000): Promise<NotificationInfo | undefined> {
    const deadline = Date.now() + forMs;
    do {
      const item = this.matching(text).first();
      if (await item.isVisible()) return read(item);
      await sleep(100);
    } while (Date.now() < deadline);
    return undefined;
  }
}
