import { unsignedBytes } from './der-values.js';

/**
 * Certificate serial numbers in the two forms people see them:
 *  - `hex`: upper-case hex of the serial's octets (`02AB`), as the CA manual, the
 *    reference CA and `openssl x509 -serial` print it — the one form TokenDesk shows
 *    for token certificates, and the form CRL entries are compared in;
 *  - `display`: `683 (10進) / 2ab (16進)`, as e-bidding systems show IC-card serials
 *    (Ise e-bidding manual §1.4) — for IC cards only.
 * Serials may be up to 20 octets (RFC 5280 §4.1.2.2) and the Aomori e-bidding manual shows a 48-digit
 * one, so the decimal form goes through BigInt, never a double.
 */
export interface CertificateSerial {
  /** Upper-case hex, whole octets (`02AB`). */
  hex: string;
  /** Decimal (`683`). */
  decimal: string;
  /** `683 (10進) / 2ab (16進)` (the Ise e-bidding manual's IC-card form). */
  display: string;
}

/**
 * From an INTEGER's content octets. They are read as unsigned: a few CAs emit serials
 * with the high bit set and no leading zero (a negative INTEGER, against RFC 5280),
 * and every viewer shows those as the positive number their bytes spell.
 */
export function serialFromBytes(bytes: Uint8Array): CertificateSerial {
  // Buffer's hex is lower-case digits only: nothing for serialFromHex to clean, only emptiness to refuse.
  const digits = unsignedBytes(bytes).toString('hex');
  if (digits.length === 0) throw new RangeError('serial is not hexadecimal');
  return serialFromDigits(digits);
}

/** From hex in any case, with or without colons, spaces or leading zeros. */
export function serialFromHex(hexText: string): CertificateSerial {
  const digits = hexText.replace(/[\s:]/g, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(digits)) throw new RangeError('serial is not hexadecimal');
  return serialFromDigits(digits);
}

/** From lower-case hex digits, at least one. */
function serialFromDigits(digits: string): CertificateSerial {
  const value = BigInt(`0x${digits}`);
  const short = value.toString(16);
  const decimal = value.toString(10);
  return { hex: short.padStart(short.length + (short.length % 2), '0').toUpperCase(), decimal, display: `${decimal} (10進) / ${short} (16進)` };
}
