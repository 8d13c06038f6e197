import { X509Error } from './x509-error.js';

/**
 * A minimal DER tag-length-value reader that keeps byte offsets. node-forge's parser
 * decodes values but forgets where they were, and signatures (certificate, CRL) and
 * PKCS#7 members must be checked or returned as their exact original bytes.
 */
export interface Tlv {
  /** The identifier octet (single-byte tags only; DER for X.509 never needs more). */
  tag: number;
  /** Offset of the identifier octet. */
  start: number;
  /** Offset of the first content octet. */
  contentStart: number;
  /** Offset just past the last content octet. */
  end: number;
}

export function readTlv(der: Uint8Array, offset: number): Tlv {
  if (offset + 2 > der.length) throw new X509Error({ code: 'malformed', message: 'DER truncated before a tag and length' });
  const tag = der[offset]!;
  if ((tag & 0x1f) === 0x1f) throw new X509Error({ code: 'malformed', message: 'multi-byte DER tags are not used in X.509' });
  let lengthByte = der[offset + 1]!;
  let cursor = offset + 2;
  let length: number;
  if (lengthByte < 0x80) {
    length = lengthByte;
  } else {
    const count = lengthByte & 0x7f;
    // Indefinite lengths (0x80) are BER, and 4 length bytes already allow 4 GiB.
    if (count === 0 || count > 4) throw new X509Error({ code: 'malformed', message: 'unsupported DER length form' });
    if (cursor + count > der.length) throw new X509Error({ code: 'malformed', message: 'DER truncated inside a length' });
    length = 0;
    for (let i = 0; i < count; i++) {
      lengthByte = der[cursor++]!;
      length = length * 256 + lengthByte;
    }
  }
  const end = cursor + length;
  if (end > der.length) throw new X509Error({ code: 'malformed', message: 'DER value runs past the end of the input' });
  return { tag, start: offset, contentStart: cursor, end };
}

/** The children of a constructed TLV, in order. */
export function tlvChildren(der: Uint8Array, parent: Tlv): Tlv[] {
  if ((parent.tag & 0x20) === 0) throw new X509Error({ code: 'malformed', message: 'expected a constructed DER value' });
  const children: Tlv[] = [];
  let offset = parent.contentStart;
  while (offset < parent.end) {
    const child = readTlv(der, offset);
    if (child.end > parent.end) throw new X509Error({ code: 'malformed', message: 'DER child runs past its parent' });
    children.push(child);
    offset = child.end;
  }
  return children;
}

/**
 * Checks that every constructed value inside `tlv`, at any depth, holds whole TLVs:
 * what a strict DER decode of that field checks (node-forge's did) for the parts a
 * reader does not walk itself — a field is refused whole, not read around its damage.
 */
export function checkNested(der: Uint8Array, tlv: Tlv): void {
  if ((tlv.tag & 0x20) === 0) return;
  // tlvChildren's checks, without its array: every certificate shown walks ~60 values here.
  let offset = tlv.contentStart;
  while (offset < tlv.end) {
    const child = readTlv(der, offset);
    if (child.end > tlv.end) throw new X509Error({ code: 'malformed', message: 'DER child runs past its parent' });
    checkNested(der, child);
    offset = child.end;
  }
}

/** The outermost TLV, which must cover the whole input. */
export function readWhole(der: Uint8Array): Tlv {
  const top = readTlv(der, 0);
  if (top.end !== der.length) throw new X509Error({ code: 'malformed', message: 'trailing bytes after the DER value' });
  return top;
}

export function bytesOf(der: Uint8Array, tlv: Tlv): Buffer {
  return Buffer.from(der.subarray(tlv.start, tlv.end));
}

export const TAG = {
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  OID: 0x06,
  SEQUENCE: 0x30,
  SET: 0x31,
  /** [0] constructed, e.g. EXPLICIT version or IMPLICIT certificates. */
  CONTEXT_0: 0xa0,
  CONTEXT_1: 0xa1,
  CONTEXT_3: 0xa3,
} as const;
