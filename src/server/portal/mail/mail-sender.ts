/**
 * Sends the CA's mails with nodemailer (a well-kept library: MIME, encodings and SMTP
 * are not ours to hand-write). Without SMTP settings every mail is sealed into the
 * outbox (outbox.ts): the storage-PIN and unlock-code mails carry secrets, and the
 * outbox is the one place besides the mail itself that holds them — never in clear.
 * Nothing logs a mail's body.
 */
import nodemailer from 'nodemailer';
import type { MasterKey } from '../../master-key.js';
import type { MailConfig } from '../portal-settings.js';
import { putInOutbox } from './outbox.js';

export interface CaMail {
  to: string;
  subject: string;
  text: string;
}

export interface SentMail {
  /** The .eml file written, or the SMTP message id. */
  where: string;
  via: 'outbox' | 'smtp';
}

/** What sending needs of the CA: where its outbox is, its mail settings, and the key that seals the outbox. */
export interface MailingCa {
  dataDir: string;
  config: { mail: MailConfig };
  master: MasterKey;
}

export async function sendCaMail(ca: MailingCa, mail: CaMail, env: NodeJS.ProcessEnv = process.env): Promise<SentMail> {
  const config = ca.config.mail;
  const message = { from: config.from, to: mail.to, subject: mail.subject, text: mail.text, textEncoding: 'base64' as const };
  if (config.smtp) {
    const { host, port, secure, requireTls, user } = config.smtp;
    const password = env.TOKENDESK_CA_SMTP_PASSWORD;
    const transport = nodemailer.createTransport({
      host,
      port,
      secure,
      requireTLS: requireTls,
      ...(user ? { auth: { user, pass: password ?? '' } } : {}),
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 20_000,
    });
    try {
      const info = await transport.sendMail(message);
      return { where: info.messageId, via: 'smtp' };
    } finally {
      transport.close();
    }
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = await transport.sendMail(message);
  return { where: await putInOutbox(ca.dataDir, ca.master, info.message as Buffer), via: 'outbox' };
}
