/**
 * `npm run -s sim -- <command>`: remove/insert tokens, inject faults and read the
 * state of the eToken sim from any shell or test (native/README.md). A thin CLI
 * over sim-control.ts.
 */
import { Command, CommanderError } from 'commander';

import { runSimCommand, SimUsageError, type SimCommand } from './sim-control.js';

const program = new Command('sim')
  .description('Control the native eToken simulator (libetokensim.so) through its state dir')
  .option('--state <dir>', 'state dir (default: $ETOKENSIM_STATE)')
  .exitOverride();

function execute(command: SimCommand): void {
  const dir = program.opts<{ state?: string }>().state ?? process.env.ETOKENSIM_STATE;
  if (!dir) {
    throw new SimUsageError(
      '状態ディレクトリが指定されていません。ETOKENSIM_STATE を設定するか --state を指定してください。',
      'No state dir: set ETOKENSIM_STATE or pass --state.',
    );
  }
  console.log(runSimCommand(dir, command));
}

program
  .command('status')
  .description('tokens, presence, PIN retries left, active faults')
  .option('--json', 'machine-readable output')
  .action((options: { json?: boolean }) => execute({ name: 'status', json: options.json === true }));
program
  .command('remove')
  .description('pull out a token (all tokens without --serial)')
  .option('--serial <serial>', "the sim's 8-hex-digit serial")
  .action((options: { serial?: string }) => execute({ name: 'remove', ...options }));
program
  .command('insert')
  .description('plug a token back in (all tokens without --serial)')
  .option('--serial <serial>', "the sim's 8-hex-digit serial")
  .action((options: { serial?: string }) => execute({ name: 'insert', ...options }));
program
  .command('fail')
  .description('make FUNCTION answer CKR_CODE (e.g. fail C_Sign CKR_DEVICE_REMOVED --once)')
  .argument('<function>', 'PKCS#11 function, e.g. C_GenerateKeyPair')
  .argument('<ckr>', 'return code, e.g. CKR_DEVICE_ERROR or 0x30')
  .option('--after <n>', 'let the first n calls through')
  .option('--once', 'fail one call only')
  .option('--serial <serial>', 'only this token')
  .action((fn: string, ckr: string, options: { after?: string; once?: boolean; serial?: string }) =>
    execute({ name: 'fail', function: fn, ckr, ...options }),
  );
program.command('clear').description('remove all injected faults').action(() => execute({ name: 'clear' }));
program
  .command('set-max-retries')
  .description('PIN retry maximum for all tokens (default 15)')
  .argument('<n>')
  .action((count: string) => execute({ name: 'set-max-retries', count }));

program
  .command('set-legacy')
  .description('make a token an old 1024-bit-only eToken: its RSA key generation mechanism says 1024 bits at most (all tokens without --serial)')
  .option('--serial <serial>', "the sim's 8-hex-digit serial")
  .option('--off', 'make it a current token again')
  .action((options: { serial?: string; off?: boolean }) => execute({ name: 'set-legacy', ...options }));

program
  .command('set-pin-policy')
  .description("the token's password policy (ETCKH_PIN_POLICY) for all tokens; options not given take their default")
  .option('--min-length <n>', 'shortest user PIN (default 4)')
  .option('--mix-chars', 'the user PIN must mix letters and digits')
  .option('--max-age <days>', 'days a user PIN may be kept (default 0: no limit)')
  .option('--history <n>', 'previous PINs remembered (default 0)')
  .action((options: { minLength?: string; mixChars?: boolean; maxAge?: string; history?: string }) =>
    execute({ name: 'set-pin-policy', ...options }),
  );

try {
  program.parse();
} catch (error) {
  if (error instanceof CommanderError) process.exit(error.exitCode);
  if (error instanceof SimUsageError) {
    console.error(error.message);
    process.exit(2);
  }
  throw error;
}
