/**
 * STEP1's question to the CA — whose issuance does this token carry? — asked only
 * with the token's possession tag (src/core/pkcs11/possession-tag.ts), because the CA
 * names the applicant only to the token's holder (docs/ca-protocol.md, "pending").
 *
 * Nothing found when the CA cannot say — `noTag`: the token holds no tag (the CA did
 * not provision it, or it was initialised since); `notFound`: the CA answers 404,
 * which it does alike for an unknown token, a tag it does not know and a token with
 * nothing pending. STEP2 then asks for the application number from the CA's mail
 * instead (application-by-number.ts) — unless the token already holds its
 * certificate (storage-wizard.ts).
 */
import type { CaClient, PendingIssuance } from '../ca-client/index.js';
import { CaError } from '../messages/errors.js';
import { readPossessionTag, type Pkcs11Module, type TokenInfo } from '../pkcs11/index.js';

export type PendingLookup = { found: PendingIssuance } | { found?: undefined; missing: 'noTag' | 'notFound' };

export async function findPendingIssuance(module: Pkcs11Module, ca: CaClient, token: TokenInfo): Promise<PendingLookup> {
  const tag = await readPossessionTag(module, token);
  // Stryker disable next-line ObjectLiteral,StringLiteral: equivalent — the wizard tells only 'notFound' apart (a token without a tag goes to STEP2's application number either way)
  if (!tag) return { missing: 'noTag' };
  try {
    return { found: await ca.pendingIssuance(token.serial, tag) };
  } catch (error) {
    if (error instanceof CaError && error.status === 404) return { missing: 'notFound' };
    throw error;
  } finally {
    tag.fill(0);
  }
}
