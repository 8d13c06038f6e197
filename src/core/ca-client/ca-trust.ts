/**
 * Which CA servers TokenDesk believes: the CA chain given in config (PEM), not the
 * operating system's store — a contractor's token talks to one CA — optionally
 * pinned to the server key (SHA-256 of its SubjectPublicKeyInfo, as in HPKP).
 */
import { X509Certificate, createHash } from 'node:crypto';
import { checkServerIdentity, type PeerCertificate } from 'node:tls';
import { NetworkError } from '../messages/errors.js';

export interface CaTrust {
  /** PEM text of the CA certificate(s) to trust; absent means the system store. */
  caPem?: string;
  /** Base64 SHA-256 of SubjectPublicKeyInfo DER; when given, the server key must be one of these. */
  pinnedSpkiSha256?: string[];
}

export function spkiSha256(certificateDer: Buffer): string {
  const spki = new X509Certificate(certificateDer).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}

/** TLS options for node:https that apply the trust and the pins. */
export function tlsOptions(trust: CaTrust): { ca?: string; checkServerIdentity: typeof checkServerIdentity } {
  const pins = trust.pinnedSpkiSha256;
  return {
    ...(trust.caPem ? { ca: trust.caPem } : {}),
    checkServerIdentity(host: string, cert: PeerCertificate) {
      const hostError = checkServerIdentity(host, cert);
      if (hostError) return hostError;
      if (pins && pins.length > 0 && !pins.includes(spkiSha256(cert.raw))) {
        return new NetworkError({ code: 'tlsPinMismatch', message: `The CA server's key is not the pinned one (${host})` });
      }
      return undefined;
    },
  };
}
