/**
 * How the CA is talked to for one issuance. With the TokenDesk extensions the CA
 * says whose issuance the token carries, checks the storage PIN first and may
 * release the token's admin PIN; against a plain RFC 7030 server ("EST-only")
 * the user names the EST account and the certificate subject, and sets the new
 * user PIN with the current one.
 */
import type { PendingIssuance } from '../ca-client/index.js';
import { CaError } from '../messages/errors.js';

export type IssuanceProfile =
  | { kind: 'extensions' }
  | { kind: 'estOnly'; estUser: string; subject: string };

/** Who the certificate is for, as STEP2 shows it and as the token's objects are labelled. */
export interface IssuanceTarget {
  /** HTTP Basic user for EST: the application number, or the EST user name. */
  estUser: string;
  /** CKA_LABEL of the key and certificate: `400156819 Souken Tarou`, as other token software shows it. */
  label: string;
  /** CSR subject: only in the EST-only profile (the reference CA takes it from the application). */
  subject?: string;
  /** With the TokenDesk extensions: the application, as the CA's lookup named it or as typed at STEP2. */
  applicationNo?: string;
  pending?: PendingIssuance;
}

export function targetFromPending(pending: PendingIssuance): IssuanceTarget {
  return { estUser: pending.applicationNo, label: `${pending.userId} ${pending.name}`, applicationNo: pending.applicationNo, pending };
}

export function targetFromEstProfile(profile: Extract<IssuanceProfile, { kind: 'estOnly' }>): IssuanceTarget {
  const match = /(?:^|,)\s*CN=([^,]+)/iu.exec(profile.subject);
  // Group 1 takes part in every match.
  const cn = match ? match[1]!.trim() : undefined;
  return { estUser: profile.estUser, label: cn ?? profile.estUser, subject: profile.subject };
}

/**
 * A plain EST server refuses Basic credentials as 401 (the reference CA in EST-only
 * mode names a storage PIN or an unknown application, its own words): in this
 * profile all of them mean "the EST user name or password", and the words must not
 * speak of an application number the user never had.
 */
export function estOnlyRefusal(error: unknown, estUser: string): unknown {
  if (!(error instanceof CaError)) return error;
  if (!['unauthorized', 'storagePinIncorrect', 'applicationNotFound'].includes(error.code)) return error;
  return new CaError({ code: 'estUnauthorized', message: `EST user ${estUser}: credentials refused (${error.message})`, status: error.status });
}
