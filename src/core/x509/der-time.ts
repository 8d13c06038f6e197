/**
 * The two ASN.1 time types certificates and CRLs carry, as text → Date. RFC 5280 has
 * DER certificates write `YYMMDDHHMMSSZ` (UTCTime, through 2049) and `YYYYMMDDHHMMSSZ`
 * (GeneralizedTime); what older CAs wrote beside that is read as well, as node-forge
 * (which read these before) did: UTCTime without seconds, an offset `+hhmm`/`-hhmm`
 * instead of `Z`, and fractions of a second. Unlike forge, a date that does not exist
 * (month 13, 31 February, hour 24) is refused instead of rolled over into another one,
 * and a GeneralizedTime without `Z` or an offset (local time: a validity that would move
 * with the PC's time zone) is refused too.
 */

const UTC_TIME = /^(?<year>\d{2})(?<month>\d{2})(?<day>\d{2})(?<hour>\d{2})(?<minute>\d{2})(?<second>\d{2})?(?<zone>Z|[+-]\d{4})$/u;
const GENERALIZED_TIME =
  /^(?<year>\d{4})(?<month>\d{2})(?<day>\d{2})(?<hour>\d{2})(?<minute>\d{2})(?<second>\d{2})(?:[.,](?<fraction>\d+))?(?<zone>Z|[+-]\d{4})$/u;

/** `kind` is the value's tag; undefined for text that is not such a time. */
export function timeFromText(text: string, kind: 'utc' | 'generalized'): Date | undefined {
  const fields = (kind === 'utc' ? UTC_TIME : GENERALIZED_TIME).exec(text)?.groups;
  if (!fields) return undefined;
  const { month, day, hour, minute, second = '00', fraction, zone } = fields;
  let year = Number(fields.year);
  // RFC 5280 §4.1.2.5.1: YY ≥ 50 is 19YY, YY < 50 is 20YY.
  if (kind === 'utc') year += year >= 50 ? 1900 : 2000;
  const [mo, d, h, mi, s] = [Number(month), Number(day), Number(hour), Number(minute), Number(second)];
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const date = new Date(0);
  date.setUTCFullYear(year, mo - 1, d); // not Date.UTC: it reads years 0–99 as 1900–1999
  // The calendar is Date's: a day or month that does not exist rolls over, and is refused.
  if (date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  date.setUTCHours(h, mi, s, fraction === undefined ? 0 : Math.trunc(Number(`0.${fraction}`) * 1000));
  const offset = offsetMinutes(zone!);
  if (offset === undefined) return undefined;
  date.setTime(date.getTime() - offset * 60_000);
  return date;
}

/** `Z` → 0; `+0900` → 540 (the local time is ahead of UTC); undefined past ±23:59. */
function offsetMinutes(zone: string): number | undefined {
  if (zone === 'Z') return 0;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(3, 5));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone[0] === '-' ? -1 : 1) * (hours * 60 + minutes);
}
