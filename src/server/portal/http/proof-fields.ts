/** A token proof as the page's script posts it (hidden fields filled from the SDK's signChallenge answer). */
import { portalErrors } from '../portal-errors.js';
import type { TokenProof } from '../token-proof.js';

export function proofFrom(form: Record<string, string>): TokenProof {
  const { signedData, signature, certificatePem } = form;
  if (!signedData || !signature || !certificatePem) {
    throw portalErrors.tokenProofRefused({ ja: 'USBトークンの署名がありません。', en: 'there is no signature from the token.' });
  }
  return { signedData, signature, certificatePem };
}
