/**
 * Which certificate on a token is the holder's. A token may also carry CA
 * certificates (some middleware copies the chain on) and, after a renewal that was
 * interrupted, an old certificate: the holder's is the one that is not self-issued,
 * linked by CKA_ID to a key on the token where that can be seen, and the newest.
 */
import type { CertificateObject } from '../pkcs11/index.js';
import { summarizeCertificate, type CertificateSummary } from '../x509/index.js';

export interface UserCertificate {
  object: CertificateObject;
  summary: CertificateSummary;
}

export type CertificatePick =
  | { kind: 'found'; certificate: UserCertificate }
  | { kind: 'none' }
  /** Present but unreadable: the label is kept for the report, the bytes are not. */
  | { kind: 'unreadable'; label: string };

/** A token's certificates, read: those that may be the holder's (not self-issued), and the first that could not be read. */
export interface HolderCandidates {
  holders: UserCertificate[];
  unreadable?: CertificateObject;
}

export function holderCandidates(objects: readonly CertificateObject[]): HolderCandidates {
  const holders: UserCertificate[] = [];
  let unreadable: CertificateObject | undefined;
  for (const object of objects) {
    let summary: CertificateSummary;
    try {
      summary = summarizeCertificate(object.der);
    } catch {
      unreadable ??= object;
      continue;
    }
    if (!summary.selfIssued) holders.push({ object, summary });
  }
  return unreadable ? { holders, unreadable } : { holders };
}

/**
 * The holder's among the candidates. The key IDs only rank two or more: a caller
 * with one candidate need not look for keys (diagnosis does not, test/bench device-info).
 */
export function pickHolder(candidates: HolderCandidates, keyIds: ReadonlySet<string> = new Set()): CertificatePick {
  const { holders, unreadable } = candidates;
  if (holders.length === 0) return unreadable ? { kind: 'unreadable', label: unreadable.label } : { kind: 'none' };
  const rank = (candidate: UserCertificate) => (keyIds.has(candidate.object.id) ? 1 : 0);
  const [best] = holders.length === 1 ? holders : [...holders].sort((a, b) => rank(b) - rank(a) || b.summary.notAfter.getTime() - a.summary.notAfter.getTime());
  return { kind: 'found', certificate: best! };
}

export function pickUserCertificate(objects: readonly CertificateObject[], keyIds: ReadonlySet<string> = new Set()): CertificatePick {
  return pickHolder(holderCandidates(objects), keyIds);
}
