import type { Command } from 'commander';
import { addCaConnectionOptions, addLanguageOption, type CardOptions } from './options.js';

/** `tokendesk card show|compare`: Flow D — IC-card details, and the card-update check. */
export function registerCardCommands(program: Command): void {
  const card = program.command('card').description('IC card certificates / ICカードの電子証明書');
  const common = (command: Command) =>
    addLanguageOption(
      addCaConnectionOptions(command)
        .option('--module <path>', 'PKCS#11 library of the card (e.g. OpenSC opensc-pkcs11.so)')
        .option('--pins-from-stdin', 'read card PINs as lines on standard input (compare: old card, then new card)')
        .option('--confirm-final-try', 'use a card PIN even when only one try is left'),
    ).option('--json', 'machine-readable result');
  common(card.command('show').description('show the certificate on the card / ICカードの証明書情報'))
    .option('--serial <serial>', 'the card to read when several are inserted')
    .action(async (options: CardOptions) => {
      const { runCardShow } = await import('./card-runner.js');
      process.exitCode = await runCardShow(options);
    });
  common(card.command('compare').description('card update: the card in use beside the new card / ICカード更新確認'))
    .option('--old-serial <serial>', 'the card in use (when both cards are inserted)')
    .option('--new-serial <serial>', 'the new card (when both cards are inserted)')
    .option('--swap-timeout <seconds>', 'how long to wait for the card swap with one reader', '300')
    .action(async (options: CardOptions) => {
      const { runCardCompare } = await import('./card-runner.js');
      process.exitCode = await runCardCompare(options);
    });
}
