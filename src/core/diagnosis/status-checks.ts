/** The checks that look at the certificate against the CA: validity by the CA's clock, revocation by its CRL, and the PC clock. */
// Not the ca-client barrel: it loads the HTTPS client (node:https, tls, net), which a
// diagnosis without a CA never uses and `tokendesk info` paid for at every start.
import { clockSkewNotice } from '../ca-client/clock-skew.js';
import { readCertificateStatus, type RevocationCheck, type StatusReading } from '../device-info/certificate-status.js';
import type { UserCertificate } from '../device-info/user-certificate.js';
import { messageFor, phraseFor, toUserError, type Localized } from '../messages/index.js';
import { daysUntilExpiry } from '../x509/index.js';
import type { CheckRecord } from './check-record.js';
import type { DiagnosisOptions } from './run-diagnosis.js';

export type StatusFound = Pick<StatusReading, 'status' | 'validity' | 'clockSource'> & { revocation: StatusReading['revocation']['state'] };

/** `revocation`: the CRL check started when the certificate was found (readCertificateStatus). */
export async function checkStatus(record: CheckRecord, holder: UserCertificate, options: DiagnosisOptions, revocation: Promise<RevocationCheck>): Promise<StatusFound> {
  await options.onCheck?.('validity');
  const summary = holder.summary;
  const reading = await readCertificateStatus(summary, revocation, { ca: options.ca, ...(options.now ? { now: options.now } : {}) });
  const dates = { notAfter: summary.notAfterDisplay, notBefore: summary.notBeforeDisplay };
  const window = phraseFor('validityWindow', { ...dates, clock: phraseFor(reading.clockSource === 'ca' ? 'judgedByCaClock' : 'judgedByPcClock') });
  switch (reading.validity) {
    case 'valid':
      record.record('validity', 'ok', window);
      break;
    case 'renewSoon': {
      const notice = messageFor('TD-CERT-RENEW-SOON', { ...dates, daysLeft: daysUntilExpiry(summary, reading.judgedAt) });
      record.notices.push(notice);
      record.record('validity', 'warning', window, { message: notice });
      break;
    }
    case 'expired':
      record.record('validity', 'failed', window, { verdict: 'expired', message: messageFor('TD-CERT-EXPIRED', dates) });
      break;
    case 'notYetValid':
      record.record('validity', 'failed', window, { verdict: 'notYetValid', message: messageFor('TD-CERT-NOT-YET-VALID', dates) });
      break;
  }

  await options.onCheck?.('revocation');
  const crlCheck = reading.revocation;
  if (crlCheck.state === 'good') {
    record.record('revocation', 'ok', phraseFor('notRevoked'));
  } else if (crlCheck.state === 'revoked') {
    record.record('revocation', 'failed', phraseFor('revokedInCrl'), { verdict: 'revoked' });
  } else if (crlCheck.reason === 'noCa') {
    record.record('revocation', 'skipped', phraseFor('revocationNoCa'));
  } else {
    const why = crlCheck.error === undefined ? undefined : toUserError(crlCheck.error);
    const reason: Localized = why ? { ja: `${why.code}: ${why.text.ja}`, en: `${why.code}: ${why.text.en}` } : phraseFor('crlDoesNotVerify');
    const notice = messageFor('TD-REVOCATION-UNKNOWN');
    record.notices.push(notice);
    record.record('revocation', 'warning', phraseFor('revocationUnknown', { reason }), { message: notice });
  }

  await options.onCheck?.('clock');
  const clock = reading.clock;
  if (!clock) {
    record.record('clock', 'skipped', phraseFor('clockNotKnown'));
  } else {
    const detail = phraseFor('clockApart', { seconds: Math.round(Math.abs(clock.skewMs) / 1000) });
    if (clock.tooFar) {
      const notice = clockSkewNotice(clock);
      record.notices.push(notice);
      record.record('clock', 'warning', detail, { message: notice });
    } else {
      record.record('clock', 'ok', detail);
    }
  }
  return { status: reading.status, validity: reading.validity, clockSource: reading.clockSource, revocation: crlCheck.state };
}
