/**
 * CKA_ID for a key pair and its certificate: SHA-1 of the RSA modulus (the
 * convention NSS and OpenSC use), so a certificate finds its key on any token and
 * a key found after a crash can be matched to the certificate the CA issued for it.
 */
import { createHash } from 'node:crypto';

export function keyIdForModulus(modulus: Buffer): string {
  let start = 0;
  while (start < modulus.length - 1 && modulus[start] === 0) start += 1;
  return createHash('sha1').update(modulus.subarray(start)).digest('hex');
}
