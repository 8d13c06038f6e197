/**
 * Sends the CA's mails with nodemailer (a well-kept library: MIME, encodings and SMTP
 * are not ours to hand-write). Without SMTP settings every mail is written as an .eml
 * file to `<data dir>/outbox/` (0700 dir, 0600 files): the storage-PIN mail carries a
 * secret, and the outbox is the one place besides the mail itself that holds it.
 * Nothing logs a mail's body.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import type { MailConfig } from '../portal-settings.js';

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

export const OUTBOX_DIR = 'outbox';

export async function sendCaMail(dataDir: string, config: MailConfig, mail: CaMail, env: NodeJS.ProcessEnv = process.env): Promise<SentMail> {
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
  const outbox = join(dataDir, OUTBOX_DIR);
  await mkdir(outbox, { recursive: true, mode: 0o700 });
  const file = join(outbox, `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}.eml`);
  await writeFile(file, info.message as Buffer, { mode: 0o600, flag: 'wx' });
  return { where: file, via: 'outbox' };
}
