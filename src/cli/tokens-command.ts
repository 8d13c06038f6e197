import type { Command } from 'commander';

/** `tokendesk tokens`: the tokens present, for people (a table) or programs (--json). */
export function registerTokenCommands(program: Command): void {
  program
    .command('tokens')
    .description('list the tokens present / 接続されているトークンの一覧')
    .option('--module <path>', 'PKCS#11 library (default: $TOKENDESK_PKCS11_MODULE, else auto-detected)')
    .option('--lang <lang>', 'ja | en', 'ja')
    .option('--json', 'machine-readable output')
    .action(async (options: { module?: string; json?: boolean; lang?: string }) => {
      const { listTokensReport } = await import('./tokens-report.js');
      process.stdout.write(await listTokensReport(options));
    });
}
