/**
 * The possession tag: 32 random bytes `tokendesk ca token provision` writes onto a
 * token as a public data object, while the CA keeps only their SHA-256. Whoever can
 * read the tag holds the token (or held it): the CA's pending lookup answers the
 * applicant's name only to such a caller, never to someone who knows just the
 * serial printed on the token (README, "Security"; docs/ca-protocol.md).
 *
 * Public (CKA_PRIVATE false) so that STEP1 reads it without a PIN; CKA_MODIFIABLE
 * false where the module allows it, so that only C_InitToken (re-provisioning) or a
 * deliberate C_DestroyObject ends it.
 */
import type { Pkcs11Module } from './pkcs11-module.js';
import type { TokenInfo } from './token-info.js';
import type { TokenSession } from './token-session.js';

/** CKA_APPLICATION and CKA_LABEL of the tag object, as other token software lists it. */
export const POSSESSION_TAG_NAME = 'TokenDesk possession tag';
export const POSSESSION_TAG_BYTES = 32;

/** Replaces any tag on the token with this one; the session must be read-write (logged in as the user). */
export async function writePossessionTag(session: TokenSession, tag: Buffer): Promise<void> {
  if (tag.length !== POSSESSION_TAG_BYTES) throw new RangeError(`A possession tag is ${POSSESSION_TAG_BYTES} bytes`);
  await session.deleteDataObjects(POSSESSION_TAG_NAME);
  await session.createDataObject({ application: POSSESSION_TAG_NAME, label: POSSESSION_TAG_NAME, value: tag, modifiable: false });
}

/**
 * The token's tag, read without login; undefined when it holds none (a token the CA
 * did not provision, or user-initialised since) or more than one (which is the CA's?).
 */
export async function readPossessionTag(module: Pkcs11Module, token: string | TokenInfo): Promise<Buffer | undefined> {
  const session = await module.openSession(token);
  try {
    const tags = (await session.readDataObjects(POSSESSION_TAG_NAME)).filter((value) => value.length === POSSESSION_TAG_BYTES);
    return tags.length === 1 ? tags[0] : undefined;
  } finally {
    await session.close();
  }
}
