// Webviews. In this VS Code each webview is an <iframe class="webview"> laid over the workbench
// (not inside the editor's DOM), whose own child iframe (#active-frame) holds the extension's HTML.
// So a webview's content is a Playwright Frame whose parent is not the main frame. We pick the one
// laid over the region (an editor group, a view) that shows it.
import type { ElementHandle, Frame, Locator, Page } from 'playwright-core';
import { sleep } from './probe';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

function overlap(a: Box, b: Box): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

async function contentFrame(outer: ElementHandle): Promise<Frame | undefined> {
  const host = await outer.contentFrame();
  if (!host) return undefined;
  for (const child of host.childFrames()) {
    const element = await child.frameElement().catch(() => undefined);
    if (element && (await element.getAttribute('id')) === 'active-frame') return child;
  }
  return undefined;
}

/**
 * The content frame of the visible webview that covers most of `region`, waiting until it has
 * loaded and (when given) contains `selector`.
 */
export async function webviewIn(page: Page, region: Locator, options: { selector?: string; timeout?: number } = {}): Promise<Frame> {
  const deadline = Date.now() + (options.timeout ?? 20_000);
  for (;;) {
    const box = await region.boundingBox().catch(() => null);
    if (box) {
      let best: { frame: Frame; area: number } | undefined;
      for (const outer of await page.locator('iframe.webview').elementHandles()) {
        const outerBox = await outer.boundingBox();
        if (!outerBox || !(await outer.isVisible())) continue;
        const area = overlap(box, outerBox);
        if (area === 0) continue;
        const frame = await contentFrame(outer);
        if (!frame) continue;
        if (options.selector && (await frame.locator(options.selector).count()) === 0) continue;
        if (!best || area > best.area) best = { frame, area };
      }
      if (best) return best.frame;
    }
    if (Date.now() > deadline) {
      throw new Error(`no loaded webview${options.selector ? ` containing ${options.selector}` : ''} is shown over the expected area`);
    }
    await sleep(200);
  }
}

/** Every loaded webview content frame (visible or not), e.g. to assert that a panel was closed. */
export async function allWebviewFrames(page: Page): Promise<Frame[]> {
  const frames: Frame[] = [];
  for (const outer of await page.locator('iframe.webview').elementHandles()) {
    const frame = await contentFrame(outer);
    if (frame) frames.push(frame);
  }
  return frames;
}
