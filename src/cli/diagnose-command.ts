import type { Command } from 'commander';
import { addCaConnectionOptions, type CaConnectionOptions } from './ca-connection-options.js';

export interface InspectOptions extends CaConnectionOptions {
  module?: string;
  serial?: string;
  json?: boolean;
  lang?: string;
  pinsFromStdin?: boolean;
  withPin?: boolean;
  finalTry?: boolean;
  applicationNo?: string;
  contractNo?: string;
  userName?: string;
}

/** Options `info` and `diagnose` share. */
export function addInspectOptions(command: Command): Command {
  return addCaConnectionOptions(command)
    .option('--module <path>', 'PKCS#11 library (default: $TOKENDESK_PKCS11_MODULE, else auto-detected)')
    .option('--serial <serial>', 'the token to check when several are connected')
    .option('--pins-from-stdin', 'read the user PIN as a line on standard input')
    .option('--final-try', 'use the user PIN even when only one try is left')
    .option('--lang <lang>', 'ja | en', 'ja')
    .option('--json', 'machine-readable result');
}

/** `tokendesk diagnose`: Flow C — every check, a verdict, a report to mail to the CA. */
export function registerDiagnoseCommand(program: Command): void {
  addInspectOptions(program.command('diagnose').description('check the token and name what is wrong / USBトークンの診断'))
    .option('--with-pin', 'also log in with the user PIN (asked without echo) to check the private key')
    .option('--application-no <no>', 'application number (申請書番号) for the report')
    .option('--contract-no <no>', 'contract number (契約番号) for the report')
    .option('--user-name <name>', 'user name (利用者氏名) for the report')
    .action(async (options: InspectOptions) => {
      const { runDiagnose } = await import('./diagnose-runner.js');
      process.exitCode = await runDiagnose(options);
    });
}
