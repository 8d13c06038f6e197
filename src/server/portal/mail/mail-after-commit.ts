/**
 * A mail about something the CA has already committed (applications received, a
 * renewal applied for, a revocation request and its link). If it cannot be sent, the
 * request must not answer a bare 500: an applicant would apply again and the CA would
 * hold every application twice (found by an audit, SMTP down: six tries, six
 * applications). The failure goes to the audit log for the operator (the transport's
 * error code only, never the mail) and the caller tells the user what was received and
 * what to do.
 */
import type { CaContext } from '../../ca-context.js';
import { sendCaMail, type CaMail, type SentMail } from './mail-sender.js';

/** How the mail went out, or undefined when it could not be sent (audited as mailFailed). */
export async function mailAfterCommit(ctx: CaContext, mail: CaMail, about: { applicationNo: string; mail: string }): Promise<SentMail | undefined> {
  try {
    return await sendCaMail(ctx, mail);
  } catch (error) {
    const reason = String((error as { code?: unknown }).code ?? (error instanceof Error ? error.name : 'unknown')).replace(/[^\w-]/g, '?').slice(0, 40);
    await ctx.store.appendAudit({ event: 'mailFailed', applicationNo: about.applicationNo, detail: { mail: about.mail, reason } });
    return undefined;
  }
}
