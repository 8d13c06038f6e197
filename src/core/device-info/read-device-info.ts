/**
 * Flow B — device information (CA manual §5.2(2), §11.1): after the user PIN, what
 * the certificate says about its holder, its status, and the token itself —
 * including whether the token is damaged, which is what a holder checking their
 * device most wants to know. The health verdict is diagnosis's own, from the same
 * run, so Flow B and Flow C can never disagree about a token.
 */
import type { CaClient } from '../ca-client/index.js';
import { type Diagnosis, type DiagnosedToken, type Verdict } from '../diagnosis/index.js';
import { diagnoseHolder, type DiagnosisOptions } from '../diagnosis/run-diagnosis.js';
import { InputError, messageFor, type UserMessage } from '../messages/index.js';
import type { Secret } from '../secrets/secret.js';
import { definedOnly } from '../defined-only.js';
import type { CertificateStatus } from './certificate-status.js';

export interface DeviceInfo {
  company?: string;
  ownerName?: string;
  userId?: string;
  email?: string;
  /** `YYYY/MM/DD` (JST), as the CA's device screen shows them. */
  validFrom: string;
  validTo: string;
  /** The issue date: the certificate's notBefore (the CA signs it the moment it issues). */
  issuedOn: string;
  certificateSerial: string;
  issuerDn: string;
  status: CertificateStatus;
  /** The status in the catalogue's words, e.g. 更新申請のご案内 for renewSoon. */
  statusMessage: UserMessage;
  token: DiagnosedToken;
  health: Verdict;
  healthMessage: UserMessage;
  notices: UserMessage[];
}

const STATUS_CODES: Readonly<Record<CertificateStatus, string>> = {
  valid: 'TD-STATUS-VALID',
  renewSoon: 'TD-CERT-RENEW-SOON',
  expired: 'TD-CERT-EXPIRED',
  notYetValid: 'TD-CERT-NOT-YET-VALID',
  revoked: 'TD-CERT-REVOKED',
  unknown: 'TD-REVOCATION-UNKNOWN',
};

/**
 * Throws InputError for a missing PIN (10025's words: Flow B needs the login) and,
 * when the token cannot be read far enough to show anything, an InputError carrying
 * diagnosis's verdict code (locked, damaged, no token …) so the caller shows its words.
 */
export async function readDeviceInfo(options: {
  modulePath?: string;
  serial?: string;
  userPin: Secret | undefined;
  ca?: CaClient;
  now?: () => Date;
  confirmFinalTry?: boolean;
  /** A listing the caller just made on the library it holds loaded (DiagnosisOptions.listed). */
  listed?: DiagnosisOptions['listed'];
}): Promise<{ info?: DeviceInfo; diagnosis: Diagnosis; /** The certificate `info` describes, as stored on the token. */ certificateDer?: Buffer }> {
  if (!options.userPin || options.userPin.length === 0) throw new InputError({ code: 'TD-PIN-EMPTY', message: 'Flow B needs the user PIN', params: { pin: { ja: 'ユーザーPIN', en: 'user PIN' } } });
  const { diagnosis, holder } = await diagnoseHolder({
    ...(options.modulePath ? { modulePath: options.modulePath } : {}),
    ...(options.serial ? { serial: options.serial } : {}),
    ...(options.ca ? { ca: options.ca } : {}),
    ...(options.now ? { now: options.now } : {}),
    ...(options.confirmFinalTry ? { confirmFinalTry: true } : {}),
    ...(options.listed ? { listed: options.listed } : {}),
    userPin: options.userPin,
  });
  const { certificate, token, status } = diagnosis;
  // Flow B shows a certificate only to the holder who logged in.
  if (!diagnosis.loggedIn || !certificate || !token || !status || !holder) return { diagnosis };
  const dates = { notAfter: certificate.notAfter, notBefore: certificate.notBefore };
  const renewal = diagnosis.notices.find((notice) => notice.code === 'TD-CERT-RENEW-SOON');
  const info: DeviceInfo = {
    validFrom: certificate.notBefore,
    validTo: certificate.notAfter,
    issuedOn: certificate.notBefore,
    certificateSerial: certificate.serial,
    issuerDn: certificate.issuerDn,
    status: status.status,
    statusMessage: status.status === 'renewSoon' && renewal ? renewal : messageFor(STATUS_CODES[status.status], dates),
    token,
    health: diagnosis.verdict,
    healthMessage: diagnosis.message,
    notices: diagnosis.notices,
    ...definedOnly({ company: certificate.company, ownerName: certificate.holderName, userId: certificate.userId, email: certificate.email }),
  };
  return { info, diagnosis, certificateDer: holder.object.der };
}
