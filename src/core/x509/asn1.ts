import { createRequire } from 'node:module';
import type Forge from 'node-forge';

// Only forge's ASN.1 part (with the util and OIDs it loads itself): `import 'node-forge'`
// loads all of forge (TLS, ciphers, PKI …) and costs every CLI start ~30 ms (test/bench, device-info).
const forgeRequire = createRequire(import.meta.url);
forgeRequire('node-forge/lib/asn1');
/** The shared forge object, with `asn1` and `util` loaded. */
export const forge = forgeRequire('node-forge/lib/forge') as typeof Forge;

/**
 * node-forge's ASN.1 model, for what TokenDesk writes (CSRs, names in them): Buffers
 * go in and out (forge works on "binary strings"). What TokenDesk reads goes through
 * the TLV reader (tlv.ts, der-values.ts) instead.
 */
export type Asn1 = Forge.asn1.Asn1;
export const asn1 = forge.asn1;
export const { Class, Type } = forge.asn1;

export function toBinary(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('binary');
}

export function encodeDer(node: Asn1): Buffer {
  return Buffer.from(asn1.toDer(node).getBytes(), 'binary');
}

/** An INTEGER's content as unsigned big-endian bytes without leading zero octets (for moduli, serials). */
export function unsignedBytes(bytes: Uint8Array): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return Buffer.from(bytes.subarray(start));
}

/** A DER INTEGER node for an unsigned big-endian number (adds the 0x00 a set high bit needs). */
export function unsignedInteger(bytes: Uint8Array): Asn1 {
  const trimmed = unsignedBytes(bytes);
  const content = trimmed.length > 0 && (trimmed[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
  return asn1.create(Class.UNIVERSAL, Type.INTEGER, false, toBinary(content.length === 0 ? Buffer.from([0]) : content));
}
