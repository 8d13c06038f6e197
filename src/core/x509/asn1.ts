import { createRequire } from 'node:module';
import type Forge from 'node-forge';
import { unsignedBytes } from './der-values.js';

/**
 * node-forge's ASN.1 model, for what TokenDesk writes (CSRs, the names in them): Buffers
 * go in and out (forge works on "binary strings"). What TokenDesk reads goes through the
 * TLV reader (tlv.ts, der-values.ts) instead, and forge is loaded on the first write, not
 * with this module: every `tokendesk info` and device read imports the x509 barrel, and
 * forge's ASN.1 part (with the util and OIDs it loads itself) cost each such start ~6 ms
 * for nothing it does (test/bench, device-info).
 */
export type Asn1 = Forge.asn1.Asn1;

// Only forge's ASN.1 part: `import 'node-forge'` loads all of forge (TLS, ciphers, PKI …).
const forgeRequire = createRequire(import.meta.url);
let loaded: typeof Forge.asn1 | undefined;

function forgeAsn1(): typeof Forge.asn1 {
  if (loaded === undefined) {
    forgeRequire('node-forge/lib/asn1');
    loaded = (forgeRequire('node-forge/lib/forge') as typeof Forge).asn1;
  }
  return loaded;
}

/** ASN.1 tag classes, as forge numbers them (the identifier octet's top two bits). */
export const Class = { UNIVERSAL: 0x00, CONTEXT_SPECIFIC: 0x80 } as const;

/** The universal tag numbers TokenDesk writes (X.680), as forge's `asn1.Type`; names' string types are der-values.ts's STRING_TAG. */
export const Type = { INTEGER: 2, BITSTRING: 3, NULL: 5, OID: 6, SEQUENCE: 16, SET: 17 } as const;

/** A node: `value` is the content as a binary string (primitive) or the children (constructed). */
export function create(tagClass: number, type: number, constructed: boolean, value: string | Asn1[]): Asn1 {
  return forgeAsn1().create(tagClass, type, constructed, value);
}

/** An OBJECT IDENTIFIER node for dotted text. */
export function oidNode(oid: string): Asn1 {
  const asn1 = forgeAsn1();
  return asn1.create(Class.UNIVERSAL, Type.OID, false, asn1.oidToDer(oid).getBytes());
}

export function toBinary(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('binary');
}

export function encodeDer(node: Asn1): Buffer {
  return Buffer.from(forgeAsn1().toDer(node).getBytes(), 'binary');
}

/** A DER INTEGER node for an unsigned big-endian number (adds the 0x00 a set high bit needs). */
export function unsignedInteger(bytes: Uint8Array): Asn1 {
  const trimmed = unsignedBytes(bytes);
  const content = trimmed.length > 0 && (trimmed[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
  return create(Class.UNIVERSAL, Type.INTEGER, false, toBinary(content.length === 0 ? Buffer.from([0]) : content));
}
