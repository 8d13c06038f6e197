/**
 * The portal as a browser without script sees it, for integration tests: HTTPS to the
 * test CA, cookies kept, the form token taken from the last page, forms posted as
 * application/x-www-form-urlencoded. Plus the CA's outbox, read back as mails.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MASTER_KEY_FILE, MasterKey } from '../../src/server/master-key.js';
import { readOutboxMails } from '../../src/server/portal/mail/outbox.js';
import { caRequest, type CaResponse, type TestCa } from './ca-server.js';

export class PortalTestClient {
  private cookies = new Map<string, string>();
  formToken = '';

  constructor(private readonly ca: Pick<TestCa, 'url' | 'caCertificatePem'>) {}

  private remember(response: CaResponse): CaResponse {
    const set = response.headers['set-cookie'];
    for (const line of Array.isArray(set) ? set : set ? [set] : []) {
      const [pair = ''] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const token = /name="_form" value="([^"]+)"/.exec(response.text);
    if (token) this.formToken = token[1]!;
    return response;
  }

  private cookieHeader(): Record<string, string> {
    return this.cookies.size ? { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } : {};
  }

  async get(path: string): Promise<CaResponse> {
    return this.remember(await caRequest(this.ca, 'GET', path, { headers: this.cookieHeader() }));
  }

  /** Posts a form; `_form` is the page's token unless given (or `null`: left out). */
  async post(path: string, fields: Record<string, string>, options: { formToken?: string | null } = {}): Promise<CaResponse> {
    const body = new URLSearchParams(fields);
    const token = options.formToken === undefined ? this.formToken : options.formToken;
    if (token !== null) body.set('_form', token);
    return this.remember(
      await caRequest(this.ca, 'POST', path, { headers: { ...this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() }),
    );
  }

  async postJson(path: string, json: unknown): Promise<CaResponse> {
    return caRequest(this.ca, 'POST', path, { headers: { ...this.cookieHeader(), 'content-type': 'application/json', 'x-tokendesk-form': this.formToken }, body: JSON.stringify(json) });
  }
}

export interface OutboxMail {
  file: string;
  to: string;
  subject: string;
  text: string;
}

function decodeSubject(value: string): string {
  return value.replace(/=\?UTF-8\?B\?([^?]+)\?=\s*/gi, (_m, b64: string) => Buffer.from(b64, 'base64').toString('utf8')).trim();
}

/** One mail as nodemailer wrote it (single-part text/plain, base64 body). */
export function parseMail(eml: string): Omit<OutboxMail, 'file'> {
  const split = eml.indexOf('\n\n');
  const head = eml.slice(0, split).replace(/\n[ \t]+/g, ' ');
  const header = (name: string): string => new RegExp(`^${name}: (.*)$`, 'im').exec(head)?.[1] ?? '';
  const body = eml.slice(split + 2);
  const text = /content-transfer-encoding: base64/i.test(head) ? Buffer.from(body.replace(/\s/g, ''), 'base64').toString('utf8') : body;
  return { to: header('To'), subject: decodeSubject(header('Subject')), text };
}

/** The outbox's mails, opened as `tokendesk ca outbox` opens them (the test CA's master key is its data dir's master.key). */
export function readOutbox(dataDir: string): OutboxMail[] {
  const master = MasterKey.fromText(process.env.TOKENDESK_CA_MASTER_KEY ?? readFileSync(join(dataDir, MASTER_KEY_FILE), 'utf8'));
  return readOutboxMails(dataDir, master).map((mail) => ({ file: mail.file, ...parseMail(mail.eml) }));
}

/** The storage PIN from the newest 格納方法のご案内 mail of an application. */
export function storagePinFromOutbox(dataDir: string, applicationNo: string): string | undefined {
  const mails = readOutbox(dataDir).filter((m) => m.subject.includes('格納方法のご案内') && m.text.includes(`申請書番号:${applicationNo}`));
  return /【電子証明書格納用PIN】 (\d{10})/.exec(mails.at(-1)?.text ?? '')?.[1];
}
