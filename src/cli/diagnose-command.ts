import type { Command } from 'commander';
import { addInspectOptions, type InspectOptions } from './options.js';

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
