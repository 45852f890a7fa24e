/**
 * render: the Live Tail page (the real bundle, in the page HTML the extension builds, same CSP) in
 * headless Chromium, fed by the test harness exactly as the extension feeds it: 100,000 records
 * replayed in batches of 5,000, then 5,000 records/s in 10 batches a second (realistic ~1 KB records),
 * auto-scroll on. Measures the rows in the DOM (max), the 95th-percentile frame time
 * (requestAnimationFrame deltas) and the longest task (PerformanceObserver "longtask").
 * Targets: rows ≤ 200, p95 frame ≤ 20 ms, no long task over 100 ms.
 */
import { chromium } from 'playwright-core';
import { existsSync } from 'node:fs';
import type { MeasuredRound } from '../../test/unit/liveTail/harness/api';
import { CHROMIUM_ARGS, CHROMIUM_PATH, startHarness } from '../../test/unit/liveTail/harness/server';
import { median } from '../lib/stats';

export interface RenderOptions {
  /** Records per second streamed (default 5,000). */
  readonly rate?: number;
  /** Records replayed into the page before measuring (default 100,000; also the page's capacity). */
  readonly buffered?: number;
  /** Measured rounds (default 3) of `roundSeconds` each (default 10: 30 s in all). */
  readonly rounds?: number;
  readonly roundSeconds?: number;
  /** Unmeasured streaming before the rounds (default 3 s). */
  readonly warmupSeconds?: number;
}

export const smokeOptions: RenderOptions = { rate: 5000, buffered: 20_000, rounds: 1, roundSeconds: 2, warmupSeconds: 0.5 };

export async function run(options: RenderOptions = {}) {
  if (!existsSync(CHROMIUM_PATH)) return { skipped: `no Chromium at ${CHROMIUM_PATH}` };
  const rate = options.rate ?? 5000;
  const buffered = options.buffered ?? 100_000;
  const rounds = options.rounds ?? 3;
  const roundSeconds = options.roundSeconds ?? 10;
  const warmupSeconds = options.warmupSeconds ?? 3;

  const harness = await startHarness({ minify: true });
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.setDefaultTimeout(600_000);
    await page.goto(harness.url);
    await page.waitForFunction(() => typeof window.__harness === 'object');
    // Replay of the buffer, as the extension does when the page (re)loads: batches of 5,000.
    await page.evaluate((n) => {
      window.__harness.init(n);
      window.__harness.feed(n, 5000, true);
    }, buffered);
    await page.evaluate(() => window.__harness.frames(10));
    if (warmupSeconds > 0) await page.evaluate(([r, s]) => window.__harness.stream(r, s), [rate, warmupSeconds] as const);

    const results: MeasuredRound[] = [];
    for (let i = 0; i < rounds; i++) {
      results.push(await page.evaluate(([r, s]) => window.__harness.measure(r, s), [rate, roundSeconds] as const));
    }
    const p95 = results.map((r) => r.p95FrameMs);
    const domRows = Math.max(...results.map((r) => r.domRows));
    const longestTaskMs = Math.max(...results.map((r) => r.longestTaskMs));
    const p95FrameMs = Number(median(p95).toFixed(1));
    return {
      domRows,
      p95FrameMs,
      longestTaskMs: Number(longestTaskMs.toFixed(1)),
      value: p95FrameMs,
      unit: 'ms p95 frame',
      spread: p95.map((v) => Number(v.toFixed(1))),
      rounds: results.map((r) => ({
        ...r,
        p95FrameMs: Number(r.p95FrameMs.toFixed(1)),
        maxFrameMs: Number(r.maxFrameMs.toFixed(1)),
        longestTaskMs: Number(r.longestTaskMs.toFixed(1)),
      })),
      rate,
      buffered,
      seconds: rounds * roundSeconds,
      summary: `${domRows} DOM rows, p95 frame ${p95FrameMs} ms, longest task ${longestTaskMs.toFixed(0)} ms at ${rate.toLocaleString('en-US')} records/s with ${buffered.toLocaleString('en-US')} buffered`,
      target: 'DOM rows ≤ 200, p95 frame ≤ 20 ms, no long task > 100 ms',
    };
  } finally {
    await browser.close();
    await harness.close();
  }
}
