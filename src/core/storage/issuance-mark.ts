/**
 * The EST-only profile's memory of which key pair a run made for which issuance —
 * what the CA's `stored` lookup is to the extensions profile (store-certificate.ts,
 * writtenButUnreported). A plain EST server answers nothing about an application,
 * and a pair under the issuance's label may be an old one (a renewal's, a revoked
 * reissue's: the label comes from the subject, which stays): only the token can say
 * that a run for *this* issuance made that key. So a run marks the key it makes,
 * and a completed run clears the mark; a retry that finds the mark for its issuance,
 * on a key holding a certificate, takes up that pair instead of making a second key
 * the CA would refuse (one certificate per application).
 *
 * Only EST-only runs mark: with the extensions the CA is asked, and an object written
 * to an eToken costs time. A public data object, read without a PIN like the possession tag: its value is the
 * SHA-256 of the issuance (EST user and subject — not the EST user in clear), then
 * the key's CKA_ID. One mark per token: a new one replaces any other.
 */
import { createHash } from 'node:crypto';
import type { TokenSession } from '../pkcs11/index.js';
import type { IssuanceTarget } from './issuance-profile.js';

/** CKA_APPLICATION and CKA_LABEL of the mark, as other token software lists it. */
export const ISSUANCE_MARK_NAME = 'TokenDesk issuance in progress';

function issuanceDigest(target: IssuanceTarget): Buffer {
  // Only EST-only targets are marked, and they always name a subject.
  return createHash('sha256').update(JSON.stringify([target.estUser, target.subject])).digest();
}

/** Marks `keyId` as the key made for `target`; the session must be read-write and logged in. */
export async function markKeyForIssuance(session: TokenSession, target: IssuanceTarget, keyId: string): Promise<void> {
  await clearIssuanceMarks(session);
  const value = Buffer.concat([issuanceDigest(target), Buffer.from(keyId, 'hex')]);
  // Stryker disable next-line BooleanLiteral: equivalent, CKA_MODIFIABLE does not keep C_DestroyObject from removing it (the possession tag, not modifiable, is replaced the same way)
  await session.createDataObject({ application: ISSUANCE_MARK_NAME, label: ISSUANCE_MARK_NAME, value, modifiable: true });
}

/** The key a run for `target` made and did not complete, if the token says so. */
export async function keyMarkedForIssuance(session: TokenSession, target: IssuanceTarget): Promise<string | undefined> {
  const digest = issuanceDigest(target);
  const mark = (await session.readDataObjects(ISSUANCE_MARK_NAME)).find((value) => value.subarray(0, digest.length).equals(digest));
  return mark?.subarray(digest.length).toString('hex');
}

export function clearIssuanceMarks(session: TokenSession): Promise<void> {
  return session.deleteDataObjects(ISSUANCE_MARK_NAME);
}
