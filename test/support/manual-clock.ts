/** A StepClock whose time moves only when a test says so: five minutes pass in a line. */
import type { StepClock } from '../../src/core/storage/step-clock.js';

export interface ManualClock extends StepClock {
  advance(ms: number): void;
}

export function manualClock(start = new Date('2026-11-21T09:00:00+09:00')): ManualClock {
  let now = start.getTime();
  let timers: Array<{ at: number; fire: () => void }> = [];
  const advance = (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.at <= now);
    timers = timers.filter((t) => t.at > now);
    for (const timer of due) timer.fire();
  };
  return {
    now: () => new Date(now),
    after(ms, fire) {
      const timer = { at: now + ms, fire };
      timers.push(timer);
      return () => {
        timers = timers.filter((t) => t !== timer);
      };
    },
    async sleep(ms) {
      advance(ms);
    },
    advance,
  };
}
