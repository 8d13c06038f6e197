import type { Command } from 'commander';
import { formatUserError, InputError, toUserError, type Language } from '../core/messages/index.js';

/**
 * Runs the parsed program and turns a failure into the catalogue's words (in the
 * language --lang asked for) and an exit code, never a stack trace in front of a
 * user. `TOKENDESK_DEBUG=1` shows the stack for developers.
 */
export async function runCli(program: Command, argv: string[]): Promise<void> {
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

/** The failure may come before any command read its options: --lang is looked up in argv itself. */
function languageIn(argv: string[]): Language {
  const at = argv.findIndex((arg) => arg === '--lang' || arg.startsWith('--lang='));
  const value = at === -1 ? undefined : argv[at]!.includes('=') ? argv[at]!.split('=')[1] : argv[at + 1];
  return value === 'en' ? 'en' : 'ja';
}
