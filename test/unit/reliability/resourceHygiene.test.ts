// Resource hygiene: 50 tail sessions opened and closed against the local hub. After each close the hub
// has no open receiver and the process is back to its baseline of sockets and timers; the heap after
// garbage collection does not grow across the cycles.
import assert from 'node:assert/strict';
import v8 from 'node:v8';
import vm from 'node:vm';
import { startLocalHub, type LocalHubServer } from '../../../src/localHub/index';
import { createTailSession } from '../../../src/tail/session';
import { DefenderTrafficGenerator } from '../../../src/traffic/index';
import { tried } from '../../support/reliabilityLog';
import { sleep, targetFor, waitFor } from './support';

const AREA = 'Resource hygiene';
const HUB = 'reliability-hygiene';
const CYCLES = 50;
const WARMUP = 5;
/** Generous: a leak of a session per cycle (its buffer, client, links) would exceed it many times over. */
const MAX_HEAP_GROWTH = 50 * 1024 * 1024;

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc) return gc();
  v8.setFlagsFromString('--expose_gc');
  (vm.runInNewContext('gc') as () => void)();
}

async function settledHeap(): Promise<number> {
  for (let i = 0; i < 3; i++) {
    collectGarbage();
    await sleep(50);
  }
  return process.memoryUsage().heapUsed;
}

/** Sockets and timers of this process, by kind (what a forgotten client or interval would leave). */
function handles(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const kind of process.getActiveResourcesInfo())
    if (/TCP|Timeout|Timer|Immediate|Pipe|TLS/i.test(kind)) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

function sameOrFewer(now: Record<string, number>, baseline: Record<string, number>): boolean {
  return Object.entries(now).every(([k, n]) => n <= (baseline[k] ?? 0));
}

describe('reliability: resource hygiene', function () {
  this.timeout(240_000);
  let hub: LocalHubServer;

  before(async () => {
    hub = await startLocalHub({ hubs: [{ name: HUB, partitionCount: 2 }] });
  });
  after(async () => hub.stop());

  it(`${CYCLES} tail sessions opened and closed: no receiver, socket or timer left behind, no heap growth`, async () => {
    const gen = new DefenderTrafficGenerator({ seed: 'hygiene' });
    const bodies = Array.from({ length: 20 }, () => gen.message().body);
    let receiversZero = 0;
    let handlesBack = 0;
    let stopResolved = 0;
    let baselineHeap = 0;
    let baselineHandles: Record<string, number> = {};
    const lingering: string[] = [];
    for (let i = 0; i < WARMUP + CYCLES; i++) {
      if (i === WARMUP) {
        await sleep(200);
        baselineHeap = await settledHeap();
        baselineHandles = handles();
      }
      const session = createTailSession(targetFor(hub, HUB), { bufferSize: 1000 });
      await session.whenLive();
      hub.append(
        HUB,
        bodies.slice(0, 4).map((body) => ({ body })),
      );
      await waitFor('records in this session', () => session.stats().receivedEvents >= 4, 20_000);
      await session.stop();
      if (i < WARMUP) {
        await waitFor('no receiver', () => hub.openReceiverCount() === 0, 10_000);
        continue;
      }
      stopResolved++;
      try {
        await waitFor('no open receiver', () => hub.openReceiverCount() === 0, 10_000);
        receiversZero++;
      } catch {
        lingering.push(`cycle ${i - WARMUP + 1}: ${hub.openReceiverCount()} receivers`);
      }
      try {
        await waitFor('sockets and timers back to the baseline', () => sameOrFewer(handles(), baselineHandles), 10_000);
        handlesBack++;
      } catch {
        if (lingering.length < 5)
          lingering.push(`cycle ${i - WARMUP + 1}: ${JSON.stringify(handles())} vs baseline ${JSON.stringify(baselineHandles)}`);
      }
    }
    const finalHeap = await settledHeap();
    const growth = finalHeap - baselineHeap;
    const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`;
    tried({
      area: AREA,
      fault: 'Tail session opened (live, 4 events received) and stopped',
      times: CYCLES,
      outcome: `stop() resolved ${stopResolved}/${CYCLES}; hub back to 0 open receivers after ${receiversZero}/${CYCLES}; sockets and timers back to baseline after ${handlesBack}/${CYCLES}`,
    });
    tried({
      area: AREA,
      fault: `Heap after GC across ${CYCLES} open/close cycles (after ${WARMUP} warm-up cycles)`,
      times: CYCLES,
      outcome: `grew ${Math.round(growth / 1024 / 1024)} MB (${growth <= MAX_HEAP_GROWTH ? 'within' : 'OVER'} the ${mb(MAX_HEAP_GROWTH)} bound)`,
    });
    assert.deepEqual(lingering, []);
    assert.equal(receiversZero, CYCLES);
    assert.equal(handlesBack, CYCLES);
    assert.ok(growth <= MAX_HEAP_GROWTH, `heap grew by ${mb(growth)} (from ${mb(baselineHeap)} to ${mb(finalHeap)})`);
  });
});
