/**
 * `tokendesk ca …`: the reference CA's operator commands (src/server). Every command
 * takes `--data DIR` and `--json`. Server code is imported inside each action, so the
 * other `tokendesk` commands start without loading it.
 */
import { Option, type Command } from 'commander';
import type { CaContext } from '../server/ca-context.js';
import { printResult, runCaAction, type CaGlobalOptions } from './ca-output.js';

function common(command: Command): Command {
  return command
    .option('--data <dir>', 'CA data directory (default: $TOKENDESK_CA_DATA or ./.tokendesk-data/ca)')
    .option('--json', 'print JSON');
}

function int(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n)) throw new Error(`not an integer: ${value}`);
  return n;
}

async function withContext<T>(options: CaGlobalOptions, work: (ctx: CaContext) => Promise<T>): Promise<T> {
  const { resolveDataDir } = await import('../server/config.js');
  const { openCaContext, closeCaContext } = await import('../server/ca-context.js');
  const ctx = await openCaContext(resolveDataDir(options.data));
  try {
    return await work(ctx);
  } finally {
    await closeCaContext(ctx);
  }
}

export function registerCaCommands(program: Command): void {
  const ca = program.command('ca').description('reference CA server: init, serve, applications, revocation');

  common(ca.command('init'))
    .description('create a CA: key + certificate, server TLS certificate, database')
    .option('--public-url <url>', 'URL clients use; the CRL is at <url>/crl', 'https://127.0.0.1:8443')
    .option('--database-url <url>', 'sqlite:FILE (in the data dir) or postgres://…', 'sqlite:ca.db')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on', int, 8443)
    .option('--ca-name <name>', 'CA common name', 'TokenDesk Reference CA')
    .option('--organization <name>', 'CA organization', 'TokenDesk')
    .action(async (o: CaGlobalOptions & { publicUrl: string; databaseUrl: string; host: string; port: number; caName: string; organization: string }) =>
      runCaAction(o, async () => {
        const { resolveDataDir } = await import('../server/config.js');
        const { initCa } = await import('../server/ca-init.js');
        const result = await initCa(resolveDataDir(o.data), {
          publicUrl: o.publicUrl,
          databaseUrl: o.databaseUrl,
          host: o.host,
          port: o.port,
          caName: o.caName,
          caOrganization: o.organization,
        });
        printResult(o, result, () =>
          [
            `CA created in ${result.dataDir}`,
            `public URL: ${result.publicUrl}   database: ${result.databaseUrl}`,
            result.masterKey === 'file'
              ? 'master key: master.key (0600) in the data dir — or set TOKENDESK_CA_MASTER_KEY before init to keep it elsewhere'
              : 'master key: from TOKENDESK_CA_MASTER_KEY (keep it safe: without it the CA cannot sign)',
            result.caCertificatePem.trim(),
          ].join('\n'),
        );
      }),
    );

  common(ca.command('serve'))
    .description('serve EST (RFC 7030), the TokenDesk extensions and the CRL over HTTPS')
    .option('--port <n>', 'port (default: config)', int)
    .option('--host <host>', 'address (default: config, 127.0.0.1)')
    .option('--est-only', 'answer RFC 7030 only (no /api/v1)')
    .action(async (o: CaGlobalOptions & { port?: number; host?: string; estOnly?: boolean }) =>
      runCaAction(o, async () => {
        const { resolveDataDir } = await import('../server/config.js');
        const { startCaServer } = await import('../server/ca-server.js');
        const server = await startCaServer(resolveDataDir(o.data), {
          ...(o.port !== undefined ? { port: o.port } : {}),
          ...(o.host ? { host: o.host } : {}),
          ...(o.estOnly ? { estOnly: true } : {}),
          logger: !o.json,
        });
        printResult(o, { url: server.url, port: server.port, estOnly: server.context.config.estOnly }, () => `TokenDesk CA listening on ${server.url}`);
        await new Promise<void>((resolveStop) => {
          const stop = (): void => {
            void server.close().then(resolveStop);
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
      }),
    );

  const token = ca.command('token').description('tokens the CA ships (CA-managed)');
  common(token.command('provision'))
    .description('re-initialize a token with a fresh random SO PIN and a transport user PIN; record it')
    .requiredOption('--module <path>', 'PKCS#11 module')
    .requiredOption('--serial <serial>', 'token serial')
    .option('--label <label>', 'token label', 'TokenDesk')
    .option('--so-pin-from-stdin', 'read the current SO PIN from standard input')
    .action(async (o: CaGlobalOptions & { module: string; serial: string; label: string; soPinFromStdin?: boolean }) =>
      runCaAction(o, async () => {
        const { SecretInput } = await import('./secret-input.js');
        const input = new SecretInput(Boolean(o.soPinFromStdin));
        // An empty standard input reads as an empty PIN, which provisioning refuses in both languages.
        const currentSoPin = await input
          .read('現在のSO PIN / current SO PIN: ')
          .catch((error: unknown) => (o.soPinFromStdin || !process.stdin.isTTY ? '' : Promise.reject(error)))
          .finally(() => input.close());
        const { provisionToken } = await import('../server/token-provisioning.js');
        const result = await withContext(o, (ctx) => provisionToken(ctx, { modulePath: o.module, serial: o.serial, label: o.label, currentSoPin }));
        printResult(o, result, () => `token ${result.serial} provisioned (SO PIN recorded encrypted; user PIN set to a transport PIN)`);
      }),
    );

  common(token.command('unlock-code'))
    .description('issue a one-time unlock code for a locked CA-managed token (10 digits, 72 hours, 5 tries); printed once and mailed to the holder on record, stored only hashed')
    .requiredOption('--serial <serial>', 'token serial')
    .action(async (o: CaGlobalOptions & { serial: string }) =>
      runCaAction(o, async () => {
        const { issueUnlockCode } = await import('../server/unlock-code.js');
        const result = await withContext(o, (ctx) => issueUnlockCode(ctx, o.serial));
        // Issued, but not delivered as asked: a script must not take it for done.
        if (result.mailFailedTo) process.exitCode = 1;
        printResult(o, result, () =>
          [
            `USBトークン ${result.serial} のロック解除コード / unlock code for token ${result.serial}: ${result.code}`,
            `有効期限 / valid until: ${result.expiresAt} (72 h; 5 wrong tries spend it)`,
            ...(result.mailedTo
              ? [`メール送信先 / mailed to: ${result.mailedTo}`]
              : result.mailFailedTo
                ? [`${result.mailFailedTo} へのメールを送信できませんでした。メールの設定（config.json の mail）を確認し、このコードを別の方法で伝えるか、設定を直してから発行し直してください / the mail to ${result.mailFailedTo} could not be sent: check the mail settings (config.json → mail), then give this code to the holder another way or issue a new one`]
                : ['登録されたメールアドレスがないため、メールは送信していません / no address on record: not mailed']),
            'TokenDesk のヘルプデスク診断「ロック解除」または tokendesk unlock で使います / use it in TokenDesk (helpdesk → Unlock) or with tokendesk unlock.',
          ].join('\n'),
        );
      }),
    );

  const app = ca.command('app').description('applications (申請)');
  common(app.command('add'))
    .description('add an application; prints the application number, user ID and storage PIN as the CA’s mail does')
    .addOption(new Option('--kind <kind>', 'new | renewal | reissue').choices(['new', 'renewal', 'reissue']).makeOptionMandatory())
    .requiredOption('--contract <digits>', 'contract number (13 digits)')
    .requiredOption('--name <romanised>', 'applicant, romanised (e.g. "Souken Tarou")')
    .requiredOption('--company <name>', 'company (English name)')
    .requiredOption('--email <address>', 'e-mail address')
    .option('--years <n>', 'validity in years (1-3)', int, 1)
    .option('--token <serial>', 'token serial the certificate goes to')
    .option('--pending', 'wait for `ca app approve` before issuing (enrollment answers 202)')
    .action(async (o: CaGlobalOptions & { kind: 'new' | 'renewal' | 'reissue'; contract: string; name: string; company: string; email: string; years: number; token?: string; pending?: boolean }) =>
      runCaAction(o, async () => {
        const { addApplication, storagePinMail } = await import('../server/operator.js');
        const notice = await withContext(o, (ctx) =>
          addApplication(ctx, {
            kind: o.kind,
            contractNo: o.contract,
            name: o.name,
            company: o.company,
            email: o.email,
            years: o.years,
            ...(o.token ? { tokenSerial: o.token } : {}),
            pending: Boolean(o.pending),
          }),
        );
        printResult(o, notice, () => storagePinMail(notice));
      }),
    );

  common(app.command('approve'))
    .description('approve an application added with --pending')
    .argument('<applicationNo>')
    .action(async (applicationNo: string, o: CaGlobalOptions) =>
      runCaAction(o, async () => {
        const { approveApplication } = await import('../server/operator.js');
        const status = await withContext(o, (ctx) => approveApplication(ctx, applicationNo));
        printResult(o, status, () => `${status.applicationNo}: ${status.state}`);
      }),
    );

  common(app.command('new-pin'))
    .description('issue a new storage PIN (after a lock); clears the wrong-attempt count')
    .argument('<applicationNo>')
    .action(async (applicationNo: string, o: CaGlobalOptions) =>
      runCaAction(o, async () => {
        const { issueNewPin, storagePinMail } = await import('../server/operator.js');
        const notice = await withContext(o, (ctx) => issueNewPin(ctx, applicationNo));
        printResult(o, notice, () => storagePinMail(notice));
      }),
    );

  const contract = ca.command('contract').description('contracts (契約) the portal accepts applications for');
  common(contract.command('import'))
    .description('load contracts from CSV (header: contract_no,title,contractor,contractor_en,branch,office,period_from,period_to); all rows or none')
    .argument('<file>', 'CSV file (UTF-8)')
    .action(async (file: string, o: CaGlobalOptions) =>
      runCaAction(o, async () => {
        const { readFile } = await import('node:fs/promises');
        const text = await readFile(file, 'utf8');
        const { importContracts } = await import('../server/portal/contracts-csv.js');
        const result = await withContext(o, (ctx) => importContracts(ctx, text));
        printResult(o, result, () => `${result.imported} contract(s) imported`);
      }),
    );

  common(ca.command('revoke'))
    .description('revoke a certificate and publish a new CRL')
    .requiredOption('--cert-serial <hex>', 'certificate serial (hex)')
    .option('--reason <code>', 'RFC 5280 reason code (0 unspecified, 1 keyCompromise, 4 superseded, 5 cessationOfOperation, …)', int, 0)
    .action(async (o: CaGlobalOptions & { certSerial: string; reason: number }) =>
      runCaAction(o, async () => {
        const { revokeCertificate } = await import('../server/operator.js');
        const result = await withContext(o, (ctx) => revokeCertificate(ctx, o.certSerial, o.reason));
        printResult(o, result, () => `revoked ${result.serial} (application ${result.applicationNo}) at ${result.revokedAt}; CRL published`);
      }),
    );

  common(ca.command('list'))
    .description('list applications and their state')
    .action(async (o: CaGlobalOptions) =>
      runCaAction(o, async () => {
        const { listApplications } = await import('../server/operator.js');
        const list = await withContext(o, (ctx) => listApplications(ctx));
        printResult(o, list, () =>
          list.length === 0
            ? '(no applications)'
            : list.map((a) => `${a.applicationNo}  ${a.state.padEnd(16)} ${a.kind.padEnd(8)} ${a.userId} ${a.name}  token ${a.tokenSerial ?? '-'}  cert ${a.certificate?.serial ?? '-'}`).join('\n'),
        );
      }),
    );

  common(ca.command('outbox'))
    .description('the mails waiting in the outbox (no SMTP configured), opened for the operator to pass on')
    .action(async (o: CaGlobalOptions) =>
      runCaAction(o, async () => {
        const { readOutboxMails } = await import('../server/portal/mail/outbox.js');
        const mails = await withContext(o, async (ctx) => readOutboxMails(ctx.dataDir, ctx.master));
        printResult(o, mails, () => (mails.length === 0 ? '(the outbox is empty)' : mails.map((mail) => `=== ${mail.file}\n${mail.eml}`).join('\n')));
      }),
    );

  common(ca.command('status'))
    .description('one application in detail')
    .argument('<applicationNo>')
    .action(async (applicationNo: string, o: CaGlobalOptions) =>
      runCaAction(o, async () => {
        const { applicationStatus } = await import('../server/operator.js');
        const s = await withContext(o, (ctx) => applicationStatus(ctx, applicationNo));
        printResult(o, s, () =>
          [
            `application ${s.applicationNo} (${s.kind}): ${s.state}`,
            `user ${s.userId} ${s.name} <${s.email}>, ${s.company}; contract ${s.contractNo}; ${s.years} year(s)`,
            `token ${s.tokenSerial ?? '-'}; wrong PINs ${s.pinFailures}, attempts left ${s.attemptsLeft}`,
            s.certificate
              ? `certificate ${s.certificate.serial} ${s.certificate.notBefore} – ${s.certificate.notAfter}${s.certificate.revokedAt ? `, revoked ${s.certificate.revokedAt}` : ''}`
              : 'certificate: not issued',
          ].join('\n'),
        );
      }),
    );
}
