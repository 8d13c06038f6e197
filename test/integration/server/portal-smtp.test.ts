// Issue 15: the CA's mails through SMTP when configured — against a real SMTP server
// (smtp-server) on 127.0.0.1, started here. The storage-PIN mail reaches it on approval.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SMTPServer } from 'smtp-server';
import { PortalTestClient, parseMail, readOutbox } from '../../support/portal-web-client.js';
import { caRequest, freePort, startTestCa, type TestCa } from '../../support/ca-server.js';
import { closeCaContext, openCaContext } from '../../../src/server/ca-context.js';
import { importContracts } from '../../../src/server/portal/contracts-csv.js';
import { formatApplicationNo, generateUserId } from '../../../src/server/identifiers.js';

interface Received {
  from: string;
  to: string[];
  raw: string;
}

const CONTRACT = '1234567890010';

/** A CA that mails through SMTP on `port`, with one contract to apply under. */
async function caMailingTo(port: number): Promise<TestCa> {
  const ca = await startTestCa({ settings: { mail: { from: 'CA <ca@tokendesk.example>', smtp: { host: '127.0.0.1', port, secure: false, requireTls: false } } } });
  const ctx = await openCaContext(ca.dataDir, { ...process.env, TOKENDESK_CA_DATA: ca.dataDir });
  try {
    await importContracts(ctx, `contract_no,title,contractor,contractor_en,branch,office,period_from,period_to\n${CONTRACT},工事,総研建設,Souken,関東支社,横浜,2024-01-01,2028-01-01\n`);
  } finally {
    await closeCaContext(ctx);
  }
  return ca;
}

/** One applicant through the portal's 新規発行 pages: the completion page and its application number. */
async function applyOnce(ca: TestCa): Promise<{ status: number; text: string; applicationNo: string }> {
  const client = new PortalTestClient(ca);
  await client.get('/portal/apply');
  await client.post('/portal/apply/contract', { contractNo: CONTRACT });
  const done = await client.post('/portal/apply', { contractNo: CONTRACT, nameLocal1: '総 研太', name1: 'Sou Kenta', email1: 'kenta@souken.example.jp', role1: 'その他', years1: '1' });
  return { status: done.status, text: done.text, applicationNo: /<td>(\d{11,14})<\/td>/.exec(done.text)?.[1] ?? '' };
}

describe('CA mail over SMTP', () => {
  let smtp: SMTPServer;
  let ca: TestCa;
  const received: Received[] = [];

  beforeAll(async () => {
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8').replace(/\r\n/g, '\n') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', () => resolve()));
    ca = await caMailingTo((smtp.server.address() as { port: number }).port);
  });
  afterAll(async () => {
    await ca?.stop();
    await new Promise<void>((resolve) => smtp.close(() => resolve()));
  });

  it('sends the consent-form mail and, on approval, the storage-PIN mail to the applicant; nothing in the outbox', async () => {
    const { status, text, applicationNo } = await applyOnce(ca);
    expect(status, text).toBe(200);
    await ca.approve(applicationNo);

    const mails = received.map((r) => ({ ...r, mail: parseMail(r.raw) }));
    expect(mails.map((m) => m.mail.subject)).toEqual(['【認証局】承諾書ダウンロードのお知らせ', '【認証局】電子証明書格納デバイスへの格納方法のご案内']);
    expect(mails.every((m) => m.from === 'ca@tokendesk.example' && m.to[0] === 'kenta@souken.example.jp')).toBe(true);
    expect(mails[1]!.mail.text).toMatch(new RegExp(`申請書番号:${applicationNo}\\)\\n【電子証明書格納用PIN】 \\d{10}`));
    expect(readOutbox(ca.dataDir)).toHaveLength(0);
  });
});

describe('CA mail when SMTP is down', () => {
  let ca: TestCa;

  beforeAll(async () => {
    // A port nothing listens on: every mail fails to connect.
    ca = await caMailingTo(await freePort());
  });
  afterAll(async () => {
    await ca?.stop();
  });

  it('an application the CA received is said to be received (not a 500), once; the operator finds the failure in the audit', async () => {
    const done = await applyOnce(ca);
    expect(done.status, done.text).toBe(200);
    const { applicationNo } = done;
    expect(done.text).toContain(`申請は受け付けました（申請書番号 ${applicationNo}）が、お知らせメールを送信できませんでした。申請をやり直さず`);
    expect(done.text).not.toContain('メールを送信しました');
    const ctx = await openCaContext(ca.dataDir, { ...process.env, TOKENDESK_CA_DATA: ca.dataDir });
    try {
      const failed = (await ctx.store.listAudit({ applicationNo })).filter((line) => line.event === 'mailFailed');
      expect(failed).toHaveLength(1);
      expect(JSON.parse(String(failed[0]!.detail))).toEqual({ mail: 'consentForm', reason: 'ESOCKET' });
    } finally {
      await closeCaContext(ctx);
    }
  });
  it('an unlock code whose mail fails is still printed for the operator, with the failure said, exit 1; the code works', async () => {
    const serial = '0A1B2C3E';
    const ctx = await openCaContext(ca.dataDir, { ...process.env, TOKENDESK_CA_DATA: ca.dataDir });
    let applicationNo: string;
    try {
      // A CA-managed token (as `ca token provision` records it) and its holder's application on record.
      await ctx.store.saveToken({ serial, label: 'TokenDesk', so_pin_sealed: ctx.soPins.seal('So1234567890abcd', serial), provisioned_at: new Date().toISOString(), possession_tag_sha256: null });
      const holder = { kind: 'new' as const, contractNo: CONTRACT, name: 'Sou Kenta', company: 'Souken', email: 'kenta@souken.example.jp', years: 1 as const, tokenSerial: serial, approved: true, pinHash: 'unused' };
      applicationNo = (await ctx.store.addApplication(holder, '20261130', generateUserId, formatApplicationNo)).application_no;
    } finally {
      await closeCaContext(ctx);
    }
    const issued = await ca.cli(['ca', 'token', 'unlock-code', '--serial', serial, '--json']);
    expect(issued.code, issued.stderr).toBe(1);
    const result = JSON.parse(issued.stdout) as { code: string; mailedTo?: string; mailFailedTo?: string };
    expect(result.code).toMatch(/^\d{10}$/);
    expect(result.mailedTo).toBeUndefined();
    expect(result.mailFailedTo).toBe('kenta@souken.example.jp');
    const text = await ca.cli(['ca', 'token', 'unlock-code', '--serial', serial]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('the mail to kenta@souken.example.jp could not be sent');
    expect(text.stdout).toContain('メールを送信できませんでした');
    const code = /: (\d{10})$/m.exec(text.stdout)?.[1];
    expect(code).toBeDefined();
    const released = await caRequest(ca, 'POST', `/api/v1/tokens/${serial}/unlock`, { auth: { user: serial, password: code! } });
    expect(released.status).toBe(200);
    const after = await openCaContext(ca.dataDir, { ...process.env, TOKENDESK_CA_DATA: ca.dataDir });
    try {
      const failed = (await after.store.listAudit({ applicationNo })).filter((line) => line.event === 'mailFailed');
      expect(failed.map((line) => JSON.parse(String(line.detail)))).toEqual([
        { mail: 'unlockCode', reason: 'ESOCKET' },
        { mail: 'unlockCode', reason: 'ESOCKET' },
      ]);
    } finally {
      await closeCaContext(after);
    }
  });
});
