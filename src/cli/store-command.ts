import type { Command } from 'commander';
import { addCaConnectionOptions, addLanguageOption, type StoreOptions } from './options.js';

/** `tokendesk store`: Flow A at the terminal. */
export function registerStoreCommand(program: Command): void {
  addLanguageOption(
    addCaConnectionOptions(
      program
        .command('store')
        .description('store the certificate the CA issues on the token / eTokenに電子証明書を格納する'),
    )
      .option('--module <path>', 'PKCS#11 library (default: $TOKENDESK_PKCS11_MODULE, else auto-detected)')
      .option('--pins-from-stdin', 'read PINs as lines on standard input: storage PIN, new user PIN, then the current user PIN when the CA holds no admin PIN for the token (EST-only: current user PIN, storage PIN, new user PIN)')
      .option('--est-user <name>', 'EST-only profile: the EST user name (the CA offers no TokenDesk extensions)')
      .option('--subject <dn>', 'EST-only profile: the certificate subject, e.g. "CN=Souken Tarou,O=Souken,C=JP"')
      .option('--yes', 'confirm STEP2 (who the certificate is for) without asking')
      .option('--application-no <no>', 'the application number (申請書番号) from the CA\'s mail, for a token the CA names no application for (one it did not provision); asked at the terminal otherwise')
      .option('--confirm-final-try', 'agree in advance to use a last try: the storage PIN\'s at the CA (STEP3), the current user PIN\'s where STEP4 needs it (a CA-unmanaged token, EST-only); else asked, or refused with --pins-from-stdin'),
  )
    .option('--json', 'machine-readable result')
    .action(async (options: StoreOptions) => {
      const { runStore } = await import('./store-runner.js');
      process.exitCode = await runStore(options);
    });
}
