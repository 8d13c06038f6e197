/**
 * What TokenDesk's device module does for a portal's `signChallenge` (issue 14), for
 * tests on a branch without it: the login challenge of src/core/portal-challenge
 * signed on the token with the user certificate's key (PIN given), answered in the
 * SDK's shape. A stand-in for the module's WebSocket round trip only — the token, its
 * key and the signature are real.
 */
import { pickUserCertificate } from '../../src/core/device-info/index.js';
import type { Pkcs11Module } from '../../src/core/pkcs11/index.js';
import { LOGIN_CHALLENGE_TYPE, serializeLoginChallenge } from '../../src/core/portal-challenge/index.js';

export interface SignedChallenge {
  signedData: string;
  signature: string;
  certificatePem: string;
}

export async function signChallengeOnToken(module: Pkcs11Module, tokenSerial: string, userPin: string, origin: string, nonce: string): Promise<SignedChallenge> {
  const signedData = serializeLoginChallenge({ type: LOGIN_CHALLENGE_TYPE, origin, nonce, time: new Date().toISOString(), tokenSerial });
  const session = await module.openSession(tokenSerial);
  try {
    await session.login('user', userPin);
    const keyIds = new Set((await session.listKeys()).filter((key) => key.kind === 'private').map((key) => key.id));
    const pick = pickUserCertificate(await session.listCertificates(), keyIds);
    if (pick.kind !== 'found') throw new Error('no user certificate on the token');
    const signature = await session.sign(pick.certificate.object.id, Buffer.from(signedData, 'utf8'));
    const lines = pick.certificate.object.der.toString('base64').match(/.{1,64}/g) ?? [];
    await session.logout();
    return { signedData, signature: signature.toString('base64'), certificatePem: `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n` };
  } finally {
    await session.close();
  }
}
