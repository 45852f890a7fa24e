import { chromium, type Browser, type Page } from 'playwright-core';
import './api';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startHarness, type Harness } from './server';

/** What `useLiveTailPage` gives a suite: the page of the current test, and what it did (this test's only). */
export interface LiveTailPageContext {
  page: Page;
  /** The harness page's address. */
  url: string;
  readonly pageErrors: string[];
  /** The messages of the dialogs the page opened (each dismissed). */
  readonly dialogs: string[];
  /** Every URL the page requested. */
  readonly requests: string[];
}

/**
 * The Live Tail page in headless Chromium for each test of a suite: one harness server and one browser
 * for the suite, a fresh page per test that has said "ready" (dialogs dismissed, page errors kept).
 */
export function useLiveTailPage(): LiveTailPageContext {
  const ctx = { pageErrors: [] as string[], dialogs: [] as string[], requests: [] as string[] } as LiveTailPageContext;
  let harness: Harness;
  let browser: Browser;
  before(async () => {
    harness = await startHarness();
    ctx.url = harness.url;
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  });
  after(async () => {
    await browser?.close();
    await harness?.close();
  });
  beforeEach(async () => {
    ctx.pageErrors.length = 0;
    ctx.dialogs.length = 0;
    ctx.requests.length = 0;
    const page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
    ctx.page = page;
    page.setDefaultTimeout(8000);
    page.on('pageerror', (e) => ctx.pageErrors.push(e.message));
    page.on('dialog', (d) => {
      ctx.dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('request', (r) => ctx.requests.push(r.url()));
    await page.goto(harness.url);
    await page.waitForFunction(() => window.__sent.some((m) => m.type === 'ready'));
  });
  afterEach(async () => {
    await ctx.page.close();
  });
  return ctx;
}
