/**
 * A certificate's status as Flow B shows it: its validity judged by the CA's clock
 * where the CA answered (Nagasaki card-update manual: the server's time decides, not the PC's), and
 * revocation read from the CA's own CRL — verified against the CA's certificates, so
 * a CRL from anywhere else cannot say "not revoked". No CA, or one that cannot be
 * reached: revocation is `unknown`, never assumed good.
 */
import type { CaClient } from '../ca-client/index.js';
import type { ClockReading } from '../ca-client/clock-skew.js';
import { parseCrl, validityStatus, verifyCrlSignature, type CertificateSummary, type ValidityStatus } from '../x509/index.js';

export type RevocationState = 'good' | 'revoked' | 'unknown';

/** The one word Flow B shows: revoked first, then the validity window, then whether revocation could be checked. */
export type CertificateStatus = ValidityStatus | 'revoked' | 'unknown';

export interface RevocationCheck {
  state: RevocationState;
  /** Why it is unknown: no CA given, the CA unreachable (the failure, for the report), or a CRL that did not verify. */
  reason?: 'noCa' | 'unreachable' | 'crlUnverified';
  error?: unknown;
  crlThisUpdate?: Date;
}

export interface StatusReading {
  status: CertificateStatus;
  validity: ValidityStatus;
  revocation: RevocationCheck;
  /** The moment validity was judged at, and whose clock it was. */
  judgedAt: Date;
  clockSource: 'ca' | 'pc';
  clock?: ClockReading;
}

export async function checkRevocation(summary: CertificateSummary, ca: CaClient | undefined): Promise<RevocationCheck> {
  if (!ca) return { state: 'unknown', reason: 'noCa' };
  let crlDer: Buffer;
  let caCertificates: Buffer[];
  try {
    [crlDer, caCertificates] = await Promise.all([ca.crl(), ca.caCertificates()]);
  } catch (error) {
    return { state: 'unknown', reason: 'unreachable', error };
  }
  try {
    if (!caCertificates.some((caCert) => verifyCrlSignature(crlDer, caCert))) return { state: 'unknown', reason: 'crlUnverified' };
    const crl = parseCrl(crlDer);
    return { state: crl.revokedSerials.includes(summary.serial.hex) ? 'revoked' : 'good', crlThisUpdate: crl.thisUpdate };
  } catch (error) {
    return { state: 'unknown', reason: 'crlUnverified', error };
  }
}

export function combineStatus(validity: ValidityStatus, revocation: RevocationState): CertificateStatus {
  if (revocation === 'revoked') return 'revoked';
  if (validity === 'expired' || validity === 'notYetValid') return validity;
  return revocation === 'unknown' ? 'unknown' : validity;
}

/**
 * `revocation`: checkRevocation's answer, started by the caller (diagnosis starts it as
 * soon as it has found the certificate, so the CA's round trip runs while the token logs
 * in and signs). Awaited before the CA's clock is read: the CA's answer sets that clock.
 */
export async function readCertificateStatus(
  summary: CertificateSummary,
  revocation: Promise<RevocationCheck>,
  options: { ca?: CaClient | undefined; now?: () => Date },
): Promise<StatusReading> {
  const crlCheck = await revocation;
  const clock = options.ca?.lastClock;
  const pcNow = (options.now ?? (() => new Date()))();
  // The CA's clock, carried forward from its Date header to this moment.
  const judgedAt = clock ? new Date(pcNow.getTime() - clock.skewMs) : pcNow;
  const validity = validityStatus(summary, judgedAt, { renewWindowDays: 60 });
  const reading: StatusReading = {
    status: combineStatus(validity, crlCheck.state),
    validity,
    revocation: crlCheck,
    judgedAt,
    clockSource: clock ? 'ca' : 'pc',
  };
  if (clock) reading.clock = clock;
  return reading;
}
