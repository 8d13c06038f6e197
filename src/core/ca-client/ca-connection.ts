/**
 * A CA client from what the user named: the CA's URL, the PEM file of the certificate(s)
 * to trust, the pinned keys — from the app's settings or the command line alike. What
 * cannot be used is the user's to correct, in the catalogue's words: no URL
 * (TD-CA-NOT-CONFIGURED), a file that is missing, unreadable or holds no certificate
 * (TD-CA-TRUST-UNREADABLE; not an unexplained failure later at the first TLS
 * handshake), a URL that is none or not https (TD-CA-URL-INVALID, CaClient).
 */
import { readFile } from 'node:fs/promises';
import { InputError } from '../messages/errors.js';
import { CaClient } from './ca-client.js';

export interface CaConnection {
  url: string | undefined;
  trustFile?: string | undefined;
  /** Base64 SHA-256 of the CA server's SubjectPublicKeyInfo, any of which it must present. */
  pins?: readonly string[] | undefined;
  timeoutMs?: number | undefined;
}

export async function connectCa(connection: CaConnection): Promise<CaClient> {
  if (!connection.url) throw new InputError({ code: 'TD-CA-NOT-CONFIGURED', message: 'no CA URL given' });
  const caPem = connection.trustFile ? await readCaTrustFile(connection.trustFile) : undefined;
  const pins = connection.pins ?? [];
  return new CaClient({
    url: connection.url,
    trust: { ...(caPem ? { caPem } : {}), ...(pins.length > 0 ? { pinnedSpkiSha256: [...pins] } : {}) },
    ...(connection.timeoutMs ? { timeoutMs: connection.timeoutMs } : {}),
  });
}

async function readCaTrustFile(path: string): Promise<string> {
  let pem: string;
  try {
    pem = await readFile(path, 'utf8');
  } catch (error) {
    throw new InputError({ code: 'TD-CA-TRUST-UNREADABLE', message: `cannot read the CA trust file: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`, params: { path } });
  }
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new InputError({ code: 'TD-CA-TRUST-UNREADABLE', message: 'the CA trust file holds no PEM certificate', params: { path } });
  return pem;
}
