/**
 * Presence on SoftHSM: the tokens present are reported once, and nothing more while
 * nothing changes. SoftHSM reads its token directory only at C_Initialize and never
 * reports removal, so insertion and removal are tested on the native eToken sim.
 */
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { openModule, watchTokens, type Pkcs11Module, type TokenPresence } from '../../../src/core/pkcs11/index.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';

let hsm: SoftHsm;
let module: Pkcs11Module;
beforeAll(async () => {
  hsm = createSoftHsm({ tokens: 1 });
  module = await openModule(hsm.modulePath);
});
afterAll(async () => {
  await module?.release();
  hsm?.cleanup();
});

/** Resolves once `ready()` holds, checking after each turn of the event loop (not after a time). */
async function until(ready: () => boolean): Promise<void> {
  while (!ready()) await new Promise((resolve) => setImmediate(resolve));
}

it('reports the tokens present once, stays quiet over many polls, and polls no more once stopped', async () => {
  // The watcher's timer is faked, so a poll happens exactly when the test says;
  // each poll is seen through the module calls it makes, and over once the next is scheduled.
  const slotEvents = vi.spyOn(module, 'slotEvents');
  const listSlots = vi.spyOn(module, 'listSlots');
  const calls = () => slotEvents.mock.calls.length + listSlots.mock.calls.length;
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  const seen: TokenPresence[] = [];
  try {
    const stop = watchTokens(module, (presence) => seen.push(presence), { intervalMs: 20 });
    await until(() => seen.length === 1 && vi.getTimerCount() === 1);
    expect(seen[0]!.serials).toEqual([hsm.tokens[0]!.serial]);

    for (let poll = 0; poll < 5; poll += 1) {
      const before = calls();
      await vi.advanceTimersByTimeAsync(20);
      await until(() => calls() > before && vi.getTimerCount() === 1);
    }
    expect(slotEvents.mock.calls.length + listSlots.mock.calls.length).toBeGreaterThanOrEqual(6);
    expect(seen).toHaveLength(1); // nothing changed: nothing reported

    stop();
    expect(vi.getTimerCount()).toBe(0); // no poll left scheduled
    const stoppedAt = calls();
    await vi.advanceTimersByTimeAsync(1000);
    expect(calls()).toBe(stoppedAt);
    expect(seen).toHaveLength(1);
  } finally {
    vi.useRealTimers();
    slotEvents.mockRestore();
    listSlots.mockRestore();
  }
});

it('stopped while a poll is under way: that poll schedules no other', async () => {
  const slotEvents = vi.spyOn(module, 'slotEvents');
  const listSlots = vi.spyOn(module, 'listSlots');
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  try {
    const stop = watchTokens(module, () => undefined, { intervalMs: 20 });
    const first = listSlots.mock.results[0]!.value as Promise<unknown>;
    stop(); // the first poll has called the module and not yet finished
    await first;
    await until(() => vi.getTimerCount() === 0 && listSlots.mock.calls.length === 1);
    for (let turn = 0; turn < 10; turn += 1) await new Promise((resolve) => setImmediate(resolve));
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(1000);
    expect(slotEvents).not.toHaveBeenCalled();
    expect(listSlots).toHaveBeenCalledTimes(1);
  } finally {
    vi.useRealTimers();
    slotEvents.mockRestore();
    listSlots.mockRestore();
  }
});
