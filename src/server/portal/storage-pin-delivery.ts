/**
 * The storage-PIN mail (電子証明書格納デバイスへの格納方法のご案内): the one place a
 * storage PIN leaves the CA. An application the operator adds is mailed at once; one
 * applied for on the portal is mailed when the operator approves it — with a PIN made
 * at that moment (the hash stored at application time belongs to a PIN nobody ever
 * saw). Two servers approving at once send one mail: the right to send is claimed in
 * the database; a failed send releases it so the approval can be repeated.
 */
import type { CaContext } from '../ca-context.js';
import { ServerError } from '../server-error.js';
import { generateStoragePin, hashStoragePin } from '../storage-pin.js';
import { storagePinGuideMail } from './mail/ca-mails.js';
import { refusal } from './portal-errors.js';
import { sendCaMail, type SentMail } from './mail/mail-sender.js';
import { PortalStore } from './portal-store.js';

export interface PinMailTarget {
  applicationNo: string;
  userId: string;
  name: string;
  email: string;
}

const mailFailed = (applicationNo: string) =>
  refusal(
    'mailFailed',
    502,
    { ja: `申請書番号 ${applicationNo} のメールを送信できませんでした。`, en: `The mail for application ${applicationNo} could not be sent.` },
    {
      ja: 'メールの設定（config.json の mail）を確認し、`tokendesk ca app approve` または `tokendesk ca app new-pin` をやり直してください。',
      en: 'Check the mail settings (config.json → mail), then repeat `tokendesk ca app approve` or `tokendesk ca app new-pin`.',
    },
  );

async function send(ctx: CaContext, target: PinMailTarget, storagePin: string): Promise<SentMail> {
  try {
    const sent = await sendCaMail(ctx, storagePinGuideMail(target, storagePin));
    await ctx.store.appendAudit({ event: 'storagePinMailed', applicationNo: target.applicationNo, detail: { via: sent.via } });
    return sent;
  } catch (error) {
    if (error instanceof ServerError) throw error;
    throw mailFailed(target.applicationNo);
  }
}

/** Mails a PIN the operator's command just made (add, new-pin). */
export async function mailStoragePin(ctx: CaContext, target: PinMailTarget, storagePin: string): Promise<SentMail> {
  const sent = await send(ctx, target, storagePin);
  await new PortalStore(ctx.store).markPinMailed(target.applicationNo, new Date().toISOString());
  return sent;
}

/** After approval: a portal application not yet mailed gets its PIN now. Answers whether a mail went out. */
export async function mailStoragePinOnApproval(ctx: CaContext, applicationNo: string): Promise<boolean> {
  const portal = new PortalStore(ctx.store);
  const application = await ctx.store.getApplication(applicationNo);
  if (!application?.approved_at) return false;
  if (!(await portal.claimPinMail(applicationNo, new Date().toISOString()))) return false;
  try {
    const storagePin = generateStoragePin();
    await ctx.store.replacePin(applicationNo, await hashStoragePin(storagePin, ctx.config.scrypt));
    ctx.verifiedPins.forget(applicationNo);
    await send(ctx, { applicationNo, userId: application.user_id, name: application.name, email: application.email }, storagePin);
    return true;
  } catch (error) {
    await portal.releasePinMail(applicationNo);
    throw error;
  }
}
