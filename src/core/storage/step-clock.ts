/**
 * Time as the wizard sees it, injectable so a test can make five minutes pass at
 * once. The real clock is the PC's.
 */
export interface StepClock {
  now(): Date;
  /** Calls `fire` after `ms`; the returned function cancels it. */
  after(ms: number, fire: () => void): () => void;
  /** Resolves after `ms` (waiting for the CA's Retry-After). */
  sleep(ms: number): Promise<void>;
}

export const systemClock: StepClock = {
  now: () => new Date(),
  after(ms, fire) {
    const timer = setTimeout(fire, ms);
    // A waiting wizard must not keep the CLI or a test process alive (the wizard runs in Node only).
    timer.unref();
    return () => clearTimeout(timer);
  },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Each wizard step waits at most this long for the user (CA manual §7.4 ⑤–⑦). */
export const STEP_TIMEOUT_MS = 5 * 60_000;
