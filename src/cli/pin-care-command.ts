import type { Command } from 'commander';
import { addCaConnectionOptions, addLanguageOption, type PinCareOptions } from './options.js';

/**
 * `tokendesk pin change` and `tokendesk unlock`: PIN care (docs/architecture.md, Flow F). PINs and
 * the unlock code are typed without echo, or read one per line from standard input
 * (--pins-from-stdin) in the order the help names; never from argv.
 */
export function registerPinCareCommands(program: Command): void {
  const common = (command: Command) =>
    addLanguageOption(
      command
        .option('--module <path>', 'PKCS#11 library (default: $TOKENDESK_PKCS11_MODULE, else auto-detected)')
        .option('--serial <serial>', 'the token, when several are connected'),
    ).option('--json', 'machine-readable result');
  const pin = program.command('pin').description('the user PIN / ユーザーPIN');
  common(pin.command('change').description('change the user PIN: current, then the new one twice / ユーザーPINの変更'))
    .option('--pins-from-stdin', 'read three lines on standard input: current PIN, new PIN, new PIN again')
    .option('--confirm-final-try', 'agree in advance to use the current PIN\'s last try (else asked; refused with --pins-from-stdin)')
    .action(async (options: PinCareOptions) => {
      const { runPinChange } = await import('./pin-change-runner.js');
      process.exitCode = await runPinChange(options);
    });
  common(addCaConnectionOptions(program.command('unlock').description('unlock a locked token with the CA\'s one-time unlock code / ロック解除')))
    .option('--pins-from-stdin', 'read three lines on standard input: unlock code, new PIN, new PIN again')
    .option('--confirm-final-try', 'agree in advance to use the token\'s admin (SO) PIN\'s last try (else asked; refused with --pins-from-stdin)')
    .action(async (options: PinCareOptions) => {
      const { runUnlock } = await import('./unlock-runner.js');
      process.exitCode = await runUnlock(options);
    });
}
