/**
 * A StepClock that runs with the real time and can also jump ahead. The manual
 * clock of the unit tests stands still, which the storage work cannot live with
 * in a browser test: the CA stamps the new certificate with the real time and the
 * wizard's check of it would then see a certificate from the future. Here time
 * flows as usual, and `advance(5 min)` makes a step's five minutes pass at once.
 */
import type { StepClock } from '../../../src/core/storage/step-clock.js';

export interface SkippableClock extends StepClock {
  advance(ms: number): void;
}

export function skippableClock(): SkippableClock {
  let skipped = 0;
  const now = () => Date.now() + skipped;
  const timers = new Set<{ at: number; fire: () => void; timer: ReturnType<typeof setTimeout> }>();
  const fireDue = () => {
    for (const entry of [...timers]) {
      if (entry.at > now()) continue;
      timers.delete(entry);
      clearTimeout(entry.timer);
      entry.fire();
    }
  };
  return {
    now: () => new Date(now()),
    after(ms, fire) {
      const entry = { at: now() + ms, fire, timer: setTimeout(() => fireDue(), ms) };
      entry.timer.unref?.();
      timers.add(entry);
      return () => {
        clearTimeout(entry.timer);
        timers.delete(entry);
      };
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    advance(ms) {
      skipped += ms;
      fireDue();
    },
  };
}
