/**
 * A certificate's validity at a given moment, and dates the way the source manuals print them.
 *
 * Dates are shown in Japan Standard Time (UTC+9, no daylight saving): the CAs and
 * e-bidding systems are Japanese and print `2028/02/29` for a certificate whose
 * notAfter is 2028-02-29T14:59:59Z. Which moment counts as "now" is the caller's
 * choice: the CA's clock when known (Nagasaki card-update manual: the server's time decides).
 */

export type ValidityStatus = 'valid' | 'renewSoon' | 'expired' | 'notYetValid';

export interface ValidityWindow {
  notBefore: Date;
  notAfter: Date;
}

export interface ValidityOptions {
  /** Renewal opens this many days before expiry (CA manual §3.2: 60). */
  renewWindowDays: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const JST_OFFSET_MS = 9 * 60 * 60 * 1000;

export function validityStatus(window: ValidityWindow, now: Date, options: ValidityOptions = { renewWindowDays: 60 }): ValidityStatus {
  const at = now.getTime();
  if (at < window.notBefore.getTime()) return 'notYetValid';
  if (at > window.notAfter.getTime()) return 'expired';
  if (window.notAfter.getTime() - at <= options.renewWindowDays * DAY_MS) return 'renewSoon';
  return 'valid';
}

/** Whole days left until notAfter (0 on the last day; negative once expired), counted in JST calendar days. */
export function daysUntilExpiry(window: ValidityWindow, now: Date): number {
  return Math.round((jstMidnight(window.notAfter) - jstMidnight(now)) / DAY_MS);
}

function jstMidnight(date: Date): number {
  const shifted = date.getTime() + JST_OFFSET_MS;
  return shifted - (((shifted % DAY_MS) + DAY_MS) % DAY_MS);
}

/** `YYYY/MM/DD` in JST, e.g. `2028/02/29`. */
export function formatJstDate(date: Date): string {
  const jst = new Date(date.getTime() + JST_OFFSET_MS);
  const month = String(jst.getUTCMonth() + 1).padStart(2, '0');
  const day = String(jst.getUTCDate()).padStart(2, '0');
  return `${jst.getUTCFullYear()}/${month}/${day}`;
}

/** `YYYY/MM/DD HH:mm:ss` in JST, for reports. */
export function formatJstDateTime(date: Date): string {
  const jst = new Date(date.getTime() + JST_OFFSET_MS);
  const time = [jst.getUTCHours(), jst.getUTCMinutes(), jst.getUTCSeconds()].map((n) => String(n).padStart(2, '0')).join(':');
  return `${formatJstDate(date)} ${time}`;
}
