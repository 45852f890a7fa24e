import { chromium, type Browser, type Page } from 'playwright-core';
import './api';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startHarness, type Harness } from './server';

/** What `useLiveTailPage` gives a suite: the page of the current test, and the page errors it threw. */
export interface LiveTailPageContext {
  page: Page;
  readonly pageErrors: string[];
}

/**
 * The Live Tail page in headless Chromium for each test of a suite: one harness server and one browser
 * for the suite, a fresh page per test that has said "ready" (dialogs dismissed, page errors kept).
 */
export function useLiveTailPage(): LiveTailPageContext {
  const ctx = { pageErrors: [] as string[] } as LiveTailPageContext;
  let harness: Harness;
  let browser: Browser;
  before(async () => {
    harness = await startHarness();
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await harness?.close();
  });
  beforeEach(async () => {
    ctx.pageErrors.length = 0;
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    ctx.page = page;
    page.setDefaultTimeout(8000);
    page.on('pageerror', (e) => ctx.pageErrors.push(e.message));
    page.on('dialog', (d) => void d.dismiss());
    await page.goto(harness.url);
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'ready'));
  });
  afterEach(async () => {
    await ctx.page.close();
  });
  return ctx;
}
