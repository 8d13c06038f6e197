import type { Command } from 'commander';
import type { AgentOptions } from './options.js';

/** `tokendesk agent`: the device module on a machine without a display; its prompts appear in this terminal. */
export function registerAgentCommand(program: Command): void {
  program
    .command('agent')
    .description('serve CA web pages the portal API (device module); consent and PIN prompts in this terminal / デバイスモジュール')
    .option('--port <n>', 'port on 127.0.0.1 (0: any free port)', '47211')
    .option('--module <path>', 'PKCS#11 library (default: settings, $TOKENDESK_PKCS11_MODULE, auto-detected)')
    .option('--policy <file>', "the CA's policy file of portal origins (https only, exact)")
    .option('--answers-from-stdin', 'read the answers to prompts (once/always/deny, then PINs) as lines on standard input')
    .option('--json', 'print {portalUrl, port} as JSON once listening')
    .action(async (options: AgentOptions) => {
      const { runAgent } = await import('./agent-runner.js');
      process.exitCode = await runAgent(options);
    });
}
