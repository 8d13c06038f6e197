/**
 * The CA's clock decides validity, not the PC's (Nagasaki card-update manual). Every answer's Date
 * header is compared with the PC clock; more than 5 minutes apart is worth a
 * warning (the certificate may look expired or not yet valid on this PC).
 */
import { messageFor, type UserMessage } from '../messages/message-for.js';

export const CLOCK_SKEW_LIMIT_MS = 5 * 60_000;

export interface ClockReading {
  serverTime: Date;
  pcTime: Date;
  /** PC minus server, in milliseconds (positive: the PC is ahead). */
  skewMs: number;
  tooFar: boolean;
}

export function readClock(dateHeader: string | undefined, pcNow: Date): ClockReading | undefined {
  if (!dateHeader) return undefined;
  const serverTime = new Date(dateHeader);
  if (Number.isNaN(serverTime.getTime())) return undefined;
  const skewMs = pcNow.getTime() - serverTime.getTime();
  // Date has one-second resolution: allow for it before calling the clocks apart.
  return { serverTime, pcTime: pcNow, skewMs, tooFar: Math.abs(skewMs) > CLOCK_SKEW_LIMIT_MS + 1000 };
}

/**
 * The TD-CLOCK-SKEW warning for a reading: whole minutes either way (a PC behind
 * the CA is as far off as one ahead). One place, so every door words it alike.
 */
export function clockSkewNotice(reading: ClockReading): UserMessage {
  return messageFor('TD-CLOCK-SKEW', { minutes: Math.round(Math.abs(reading.skewMs) / 60_000) });
}
