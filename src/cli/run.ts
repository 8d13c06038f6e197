import type { Command, CommanderError } from 'commander';
import { formatUserError, InputError, messageFor, toUserError, type Language } from '../core/messages/index.js';

/**
 * Runs the parsed program and turns a failure into the catalogue's words (in the
 * language --lang asked for) and an exit code, never a stack trace in front of a
 * user. `TOKENDESK_DEBUG=1` shows the stack for developers.
 */
export async function runCli(program: Command, argv: string[]): Promise<void> {
  wordUsageErrors(program, languageIn(argv));
  try {
    await program.parseAsync(argv);
  } catch (error) {
    process.stderr.write(`${formatUserError(toUserError(error), languageIn(argv))}\n`);
    if (process.env.TOKENDESK_DEBUG === '1' && error instanceof Error && error.stack) {
      process.stderr.write(`${error.stack}\n`);
    }
    // 2: the input was refused before anything was tried (as --lang and the PIN checks); 1: the work failed.
    process.exitCode = process.exitCode && process.exitCode !== 0 ? process.exitCode : error instanceof InputError ? 2 : 1;
  }
}

/**
 * Commander's own refusals (an unknown command or option, an option without its value)
 * in the catalogue's words and the language asked for, exit code 2 like every input
 * refused before anything was tried; commander's English line is kept as the detail.
 * Set on the program before its commands are parsed: subcommands made with .command()
 * copy these settings, and the ones made earlier are given them here.
 */
function wordUsageErrors(program: Command, lang: Language): void {
  const words = (text: string) => `${formatUserError(messageFor('TD-CLI-USAGE', { detail: text.trim().replace(/^error: /u, '') }), lang)}\n`;
  const exit = (error: CommanderError) => process.exit(USAGE_ERRORS.has(error.code) ? 2 : error.exitCode);
  const configure = (command: Command) => {
    command.configureOutput({ outputError: (text, write) => write(words(text)) }).exitOverride(exit);
    for (const sub of command.commands) configure(sub);
  };
  configure(program);
}

const USAGE_ERRORS: ReadonlySet<string> = new Set([
  'commander.unknownOption',
  'commander.unknownCommand',
  'commander.missingArgument',
  'commander.optionMissingArgument',
  'commander.missingMandatoryOptionValue',
  'commander.excessArguments',
  'commander.invalidArgument',
  'commander.conflictingOption',
]);

/** The failure may come before any command read its options: --lang is looked up in argv itself. */
function languageIn(argv: string[]): Language {
  const at = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const value = at === -1 ? undefined : argv[at]!.includes('=') ? argv[at]!.split('=')[1] : argv[at + 1];
  return value === 'en' ? 'en' : 'ja';
}
