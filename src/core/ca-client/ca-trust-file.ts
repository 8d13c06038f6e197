/**
 * The CA certificate(s) to trust, from the PEM file the user named (Settings, --ca-trust):
 * a file that is missing, unreadable or holds no certificate is the user's to correct,
 * in the catalogue's words (TD-CA-TRUST-UNREADABLE) — not an unexplained failure later
 * at the first TLS handshake.
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '../messages/errors.js';

export async function readCaTrustFile(path: string): Promise<string> {
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError({ code: 'TD-CA-TRUST-UNREADABLE', message: `cannot read the CA trust file: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`, params: { path } });
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new InputError({ code: 'TD-CA-TRUST-UNREADABLE', message: 'the CA trust file holds no PEM certificate', params: { path } });
  return pem;
}
