/**
 * The few DER encodings the CA's hot path writes itself (certificates from a template,
 * certs-only PKCS#7). Reading uses src/core/x509/tlv.ts. Building an ASN.1 object
 * model per request (asn1js, forge) cost milliseconds; concatenating pre-encoded
 * bytes costs microseconds.
 */

/** DER length octets. */
export function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

/** tag ‖ length ‖ contents. */
export function derTlv(tag: number, ...contents: Uint8Array[]): Buffer {
  const body = contents.length === 1 ? contents[0]! : Buffer.concat(contents);
  return Buffer.concat([Buffer.from([tag]), derLength(body.length), body]);
}

/** An OBJECT IDENTIFIER (tag included) from dotted text. */
export function derOid(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [];
  const push = (value: number): void => {
    const chunk: number[] = [value & 0x7f];
    for (let n = Math.floor(value / 128); n > 0; n = Math.floor(n / 128)) chunk.unshift(0x80 | (n & 0x7f));
    out.push(...chunk);
  };
  push(arcs[0]! * 40 + arcs[1]!);
  for (const arc of arcs.slice(2)) push(arc);
  return derTlv(0x06, Buffer.from(out));
}

/** A positive INTEGER from unsigned big-endian bytes (a 0x00 is added when the high bit is set). */
export function derUnsignedInteger(bytes: Uint8Array): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = Buffer.from(bytes.subarray(start));
  return derTlv(0x02, trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

const two = (n: number): string => String(n).padStart(2, '0');

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050, always Z and whole seconds. */
export function derTime(date: Date): Buffer {
  const year = date.getUTCFullYear();
  const rest = `${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
  return year <= 2049 ? derTlv(0x17, Buffer.from(`${two(year % 100)}${rest}`, 'latin1')) : derTlv(0x18, Buffer.from(`${String(year).padStart(4, '0')}${rest}`, 'latin1'));
}

export const DER_NULL = Buffer.from([0x05, 0x00]);
export const DER_TRUE = Buffer.from([0x01, 0x01, 0xff]);
