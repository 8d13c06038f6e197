/**
 * Whether the certificate's private key is on the token: logged in, the key signs a
 * fresh challenge and the certificate verifies it; without a login, only the public
 * halves can be compared.
 *
 * The verification stays on the event loop. Moved to libuv's pool to overlap the
 * session's close and the library's finalize (test/bench device-info), it could save
 * at most its own ~40 µs on an idle machine, and on a busy one each hop to the pool
 * waited for a core: the device read's wall time against the bare calls went from
 * 1.02–1.15 to 1.27–1.38 under the same load.
 */
import { randomBytes, verify } from 'node:crypto';
import type { UserCertificate } from '../device-info/user-certificate.js';
import { phraseFor } from '../messages/index.js';
import { TokenError, type TokenSession } from '../pkcs11/index.js';
import { publicKeyMatches, summaryPublicKey } from '../x509/index.js';
import type { CheckRecord } from './check-record.js';

export async function checkKeyPair(session: TokenSession, holder: UserCertificate, loggedIn: boolean, record: CheckRecord): Promise<void | 'stop'> {
  const id = holder.object.id;
  try {
    if (loggedIn) {
      // The strongest evidence: the private key with the certificate's CKA_ID signs,
      // and the certificate's key verifies it. No such key: sign finds none to use.
      const challenge = randomBytes(32);
      const signature = await session.sign(id, challenge).catch(unlessObjectNotFound);
      if (!signature) return record.record('keyPair', 'failed', phraseFor('noPrivateKey'), { verdict: 'keyMismatch' });
      // The key OpenSSL read when the certificate was summarized.
      if (verify('sha256', challenge, summaryPublicKey(holder.summary), signature)) return record.record('keyPair', 'ok', phraseFor('keySignedAndVerified'));
      return record.record('keyPair', 'failed', phraseFor('keySignatureNotVerified'), { verdict: 'keyMismatch' });
    }
    // Without login only the public half can be compared.
    const publicKey = await session.publicKeyOf(id).catch(unlessObjectNotFound);
    if (!publicKey) return record.record('keyPair', 'skipped', phraseFor('noPublicKeyVisible'));
    if (publicKeyMatches(holder.object.der, publicKey.modulus, publicKey.publicExponent)) return record.record('keyPair', 'ok', phraseFor('publicKeyMatches'));
    return record.record('keyPair', 'failed', phraseFor('publicKeyMismatch'), { verdict: 'keyMismatch' });
  } catch (error) {
    record.deviceFailure('keyPair', error);
    return 'stop';
  }
}

/** A key looked up by CKA_ID that is not on the token answers undefined; any other failure stands. */
function unlessObjectNotFound(error: unknown): undefined {
  if (error instanceof TokenError && error.code === 'objectNotFound') return undefined;
  throw error;
}
