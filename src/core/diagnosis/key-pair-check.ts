/**
 * Whether the certificate's private key is on the token: logged in, the key signs a
 * fresh challenge and the certificate verifies it; without a login, only the public
 * halves can be compared. The verification runs on libuv's pool while the caller
 * finishes with the token (test/bench device-info: it overlaps C_Logout,
 * C_CloseSession and C_Finalize instead of following them).
 */
import { randomBytes, verify, type KeyObject } from 'node:crypto';
import type { UserCertificate } from '../device-info/user-certificate.js';
import { phraseFor } from '../messages/index.js';
import { TokenError, type TokenSession } from '../pkcs11/index.js';
import { publicKeyMatches, summaryPublicKey } from '../x509/index.js';
import type { CheckRecord } from './check-record.js';

/** After the token's part: the check's last step, still running, and whether what follows may run. */
export interface KeyPairCheck {
  /** 'stop': the device failed, nothing after can run. Never rejects. */
  settled: Promise<'stop' | undefined>;
}

const SETTLED: KeyPairCheck = { settled: Promise.resolve(undefined) };

/**
 * 'stop' when the token failed; otherwise the check is recorded, or — when the token
 * signed — it is recorded once the certificate's key has verified the signature on
 * libuv's pool (`settled`): the caller logs out and finalizes the library meanwhile.
 */
export async function checkKeyPair(session: TokenSession, holder: UserCertificate, loggedIn: boolean, record: CheckRecord): Promise<KeyPairCheck | 'stop'> {
  const id = holder.object.id;
  try {
    if (loggedIn) {
      // The strongest evidence: the private key with the certificate's CKA_ID signs,
      // and the certificate's key verifies it. No such key: sign finds none to use.
      const challenge = randomBytes(32);
      const signature = await session.sign(id, challenge).catch(unlessObjectNotFound);
      if (!signature) {
        record.record('keyPair', 'failed', phraseFor('noPrivateKey'), { verdict: 'keyMismatch' });
        return SETTLED;
      }
      // The key OpenSSL read when the certificate was summarized.
      const settled = verifiedOnPool(challenge, summaryPublicKey(holder.summary), signature).then(
        (verified) => {
          if (verified) record.record('keyPair', 'ok', phraseFor('keySignedAndVerified'));
          else record.record('keyPair', 'failed', phraseFor('keySignatureNotVerified'), { verdict: 'keyMismatch' });
          return undefined;
        },
        (error: unknown) => {
          record.deviceFailure('keyPair', error);
          return 'stop' as const;
        },
      );
      return { settled };
    }
    // Without login only the public half can be compared.
    const publicKey = await session.publicKeyOf(id).catch(unlessObjectNotFound);
    if (!publicKey) record.record('keyPair', 'skipped', phraseFor('noPublicKeyVisible'));
    else if (publicKeyMatches(holder.object.der, publicKey.modulus, publicKey.publicExponent)) record.record('keyPair', 'ok', phraseFor('publicKeyMatches'));
    else record.record('keyPair', 'failed', phraseFor('publicKeyMismatch'), { verdict: 'keyMismatch' });
    return SETTLED;
  } catch (error) {
    record.deviceFailure('keyPair', error);
    return 'stop';
  }
}

/** RSA/ECDSA verification with SHA-256 on libuv's pool (crypto.verify with a callback), not the event loop. */
function verifiedOnPool(data: Buffer, key: KeyObject, signature: Buffer): Promise<boolean> {
  return new Promise((resolve, reject) => {
    try {
      verify('sha256', data, key, signature, (error, verified) => (error ? reject(error) : resolve(verified)));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}

/** A key looked up by CKA_ID that is not on the token answers undefined; any other failure stands. */
function unlessObjectNotFound(error: unknown): undefined {
  if (error instanceof TokenError && error.code === 'objectNotFound') return undefined;
  throw error;
}
