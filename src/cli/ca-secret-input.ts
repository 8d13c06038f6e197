/**
 * Reads a secret for an operator command: from the terminal without echo, or the
 * first line of standard input (`--so-pin-from-stdin`, for scripts). Never logged.
 */
import { createInterface } from 'node:readline';

export async function readSecret(prompt: string, fromStdin: boolean): Promise<string> {
  if (fromStdin || !process.stdin.isTTY) {
    const rl = createInterface({ input: process.stdin, terminal: false });
    for await (const line of rl) {
      rl.close();
      return line.replace(/\r$/, '');
    }
    return '';
  }
  process.stderr.write(prompt);
  process.stdin.setRawMode(true);
  process.stdin.resume();
  return new Promise((resolveSecret, reject) => {
    let secret = '';
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish();
        if (ch === '\u0003') return fail();
        if (ch === '\u007f' || ch === '\b') secret = secret.slice(0, -1);
        else secret += ch;
      }
    };
    const cleanup = (): void => {
      process.stdin.off('data', onData);
      process.stdin.setRawMode(false);
      process.stdin.pause();
      process.stderr.write('\n');
    };
    const finish = (): void => {
      cleanup();
      resolveSecret(secret);
    };
    const fail = (): void => {
      cleanup();
      reject(new Error('cancelled'));
    };
    process.stdin.on('data', onData);
  });
}
