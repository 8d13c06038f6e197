import { unsignedBytes } from './asn1.js';

/**
 * Certificate serial numbers as e-bidding systems show them: `683 (10進) / 2ab (16進)`
 * (Ise e-bidding manual §1.4). Serials may be up to 20 octets (RFC 5280 §4.1.2.2) and Aomori e-bidding manual
 * shows a 48-digit one, so the decimal form goes through BigInt, never a double.
 */
export interface CertificateSerial {
  /** Lower-case hex without leading zeros (`2ab`); the form CRL entries are compared in. */
  hex: string;
  /** Decimal (`683`). */
  decimal: string;
  /** `683 (10進) / 2ab (16進)`. */
  display: string;
}

/**
 * From an INTEGER's content octets. They are read as unsigned: a few CAs emit serials
 * with the high bit set and no leading zero (a negative INTEGER, against RFC 5280),
 * and every viewer shows those as the positive number their bytes spell.
 */
export function serialFromBytes(bytes: Uint8Array): CertificateSerial {
  return serialFromHex(unsignedBytes(bytes).toString('hex'));
}

/** From hex in any case, with or without colons, spaces or leading zeros. */
export function serialFromHex(hexText: string): CertificateSerial {
  const digits = hexText.replace(/[\s:]/g, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(digits)) throw new RangeError('serial is not hexadecimal');
  const value = BigInt(`0x${digits}`);
  const hex = value.toString(16);
  const decimal = value.toString(10);
  return { hex, decimal, display: `${decimal} (10進) / ${hex} (16進)` };
}
