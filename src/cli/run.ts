import type { Command } from 'commander';

/**
 * Runs the parsed program and turns a failure into a short message and an exit code,
 * never a stack trace in front of a user. `TOKENDESK_DEBUG=1` shows the stack for
 * developers.
 */
export async function runCli(program: Command, argv: string[]): Promise<void> {
  try {
    await program.parseAsync(argv);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`tokendesk: ${message}\n`);
    if (process.env.TOKENDESK_DEBUG === '1' && error instanceof Error && error.stack) {
      process.stderr.write(`${error.stack}\n`);
    }
    process.exitCode = process.exitCode && process.exitCode !== 0 ? process.exitCode : 1;
  }
}
