/**
 * The PC clock against the CA's Date header: warned about when more than
 * CLOCK_SKEW_LIMIT_MS apart (plus the header's one-second resolution), ahead or
 * behind, and not a millisecond earlier.
 */
import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_LIMIT_MS, readClock } from '../../../src/core/ca-client/index.js';

const server = new Date('2026-05-01T03:00:00Z');
const header = server.toUTCString();
const at = (skewMs: number) => readClock(header, new Date(server.getTime() + skewMs));

describe('readClock', () => {
  it('is five minutes, as the warning in the manual says', () => {
    expect(CLOCK_SKEW_LIMIT_MS).toBe(5 * 60_000);
  });

  it.each([
    ['in step', 0, false],
    ['ahead, at the limit', CLOCK_SKEW_LIMIT_MS + 1000, false],
    ['ahead, just past the limit', CLOCK_SKEW_LIMIT_MS + 1001, true],
    ['behind, at the limit', -(CLOCK_SKEW_LIMIT_MS + 1000), false],
    ['behind, just past the limit', -(CLOCK_SKEW_LIMIT_MS + 1001), true],
    ['ahead, well within', CLOCK_SKEW_LIMIT_MS - 30_000, false],
    ['behind, well past', -(CLOCK_SKEW_LIMIT_MS + 30_000), true],
  ])('PC %s (%i ms) → tooFar %s', (_what, skewMs, tooFar) => {
    expect(at(skewMs)).toMatchObject({ skewMs, tooFar, serverTime: server });
  });

  it('says which way: positive when the PC is ahead, negative when behind', () => {
    expect(at(6 * 60_000)!.skewMs).toBeGreaterThan(0);
    expect(at(-6 * 60_000)!.skewMs).toBeLessThan(0);
  });

  it('reads nothing from a missing or unreadable header', () => {
    expect(readClock(undefined, server)).toBeUndefined();
    expect(readClock('not a date', server)).toBeUndefined();
  });
});
