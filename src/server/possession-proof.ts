/**
 * Proof that a caller holds a token: the possession tag `ca token provision` wrote
 * onto it (src/core/pkcs11/possession-tag.ts), sent with the pending lookup in the
 * `TokenDesk-Possession` header as base64. The CA keeps only the tag's SHA-256 —
 * 32 random bytes need no slow hash: there is nothing to guess from it.
 *
 * Every check costs the same: the presented bytes are hashed and compared in constant
 * time against the recorded hash, or against a hash no tag has when there is none
 * (an unknown token, one provisioned before tags, one with no tag sent), so the time
 * of a refusal says nothing about which case it was.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { POSSESSION_TAG_BYTES } from '../core/pkcs11/index.js';

export const POSSESSION_HEADER = 'tokendesk-possession';

const sha256 = (bytes: Buffer): Buffer => createHash('sha256').update(bytes).digest();
/** Compared against when nothing is recorded: the SHA-256 of no tag of the right length. */
const NO_TAG = sha256(Buffer.alloc(0));

export function newPossessionTag(): { tag: Buffer; sha256: string } {
  const tag = randomBytes(POSSESSION_TAG_BYTES);
  return { tag, sha256: sha256(tag).toString('hex') };
}

/** The tag a request shows: base64 of exactly 32 bytes, else none (and it cannot match). */
export function presentedPossessionTag(header: string | string[] | undefined): Buffer | undefined {
  const text = Array.isArray(header) ? undefined : header?.trim();
  if (!text || !/^[A-Za-z0-9+/]{43}=?$/.test(text)) return undefined;
  const tag = Buffer.from(text, 'base64');
  return tag.length === POSSESSION_TAG_BYTES ? tag : undefined;
}

/** True only when a tag was recorded for the token and the presented one hashes to it. */
export function provesPossession(recordedSha256: string | null | undefined, presented: Buffer | undefined): boolean {
  const recorded = recordedSha256 && /^[0-9a-f]{64}$/.test(recordedSha256) ? Buffer.from(recordedSha256, 'hex') : undefined;
  const equal = timingSafeEqual(recorded ?? NO_TAG, sha256(presented ?? Buffer.alloc(0)));
  return equal && recorded !== undefined && presented !== undefined;
}
