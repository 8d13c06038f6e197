/**
 * Output of the `tokendesk ca …` commands: `--json` prints one JSON document, else
 * readable lines. A refusal prints its code, Japanese and English words and remedy
 * (as JSON with --json) and sets exit code 2 for bad input, 1 otherwise — no stack.
 */
import type { ServerError } from '../server/server-error.js';

export interface CaGlobalOptions {
  data?: string;
  json?: boolean;
}

export function printResult(options: CaGlobalOptions, value: unknown, text: () => string): void {
  process.stdout.write(options.json ? `${JSON.stringify(value, null, 2)}\n` : `${text()}\n`);
}

export async function runCaAction(options: CaGlobalOptions, action: () => Promise<void>): Promise<void> {
  try {
    await action();
  } catch (error) {
    const { ServerError } = await import('../server/server-error.js');
    if (!(error instanceof ServerError)) throw error;
    const e: ServerError = error;
    if (options.json) process.stdout.write(`${JSON.stringify(e.toBody(), null, 2)}\n`);
    process.stderr.write(e.toText());
    process.exitCode = e.status >= 400 && e.status < 500 ? 2 : 1;
  }
}
