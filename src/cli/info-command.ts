import type { Command } from 'commander';
import { addInspectOptions, type InspectOptions } from './options.js';

/** `tokendesk info`: Flow B — after the user PIN, the certificate, its status and the token's health. */
export function registerInfoCommand(program: Command): void {
  addInspectOptions(program.command('info').description('show the certificate and token after the user PIN / デバイス情報確認')).action(async (options: InspectOptions) => {
    const { runInfo } = await import('./info-runner.js');
    process.exitCode = await runInfo(options);
  });
}
