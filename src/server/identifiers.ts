/**
 * The CA's numbers as the CA manual shows them: user ID `400156819` (9 digits, new for every
 * application, so it changes on renewal — CA manual §8.3), application number
 * `20230426035` (the CA's date + a daily sequence), contract number (13 digits, §7.2),
 * certificate serial (16 random bytes, positive).
 */
import { randomBytes, randomInt } from 'node:crypto';

export function generateUserId(): string {
  return String(randomInt(100_000_000, 1_000_000_000));
}

/** `20230426` in the CA's time zone. */
export function applicationDay(at: Date, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}${get('month')}${get('day')}`;
}

export function formatApplicationNo(day: string, sequence: number): string {
  return `${day}${String(sequence).padStart(3, '0')}`;
}

export function isApplicationNo(text: string): boolean {
  return /^[0-9]{11,14}$/.test(text);
}

export function isContractNo(text: string): boolean {
  return /^[0-9]{13}$/.test(text);
}

/** Hex, upper case, 16 bytes, first byte 0x01–0x7f: positive and exactly 16 bytes in DER. */
export function generateCertificateSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0]! & 0x7f) | 0x01;
  return bytes.toString('hex').toUpperCase();
}

/** Accepts `0A1B…`, `0a:1b:…`, with or without separators; upper-case hex without leading zero bytes lost. */
export function normalizeSerialHex(text: string): string | undefined {
  const hex = text.replace(/[:\s]/g, '').toUpperCase();
  return /^[0-9A-F]{1,40}$/.test(hex) ? hex : undefined;
}

/** Token serials as TokenDesk shows them: trimmed, upper case. */
export function normalizeTokenSerial(text: string): string {
  return text.trim().toUpperCase();
}

/**
 * Whether a normalized serial has a token serial's form: letters and digits, at most 32
 * (CK_TOKEN_INFO's serialNumber is 16 bytes; hex doubles it). Text of any other form
 * never reaches the database: PostgreSQL refuses a NUL byte in a parameter outright,
 * which would answer 500 where the refusal belongs.
 */
export function isTokenSerial(serial: string): boolean {
  return /^[0-9A-Z]{1,32}$/.test(serial);
}
