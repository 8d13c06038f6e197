/**
 * Where the CLI gets PINs: typed at the terminal without echo, or — for scripts and
 * tests (`--pins-from-stdin`) — one per line from standard input, in a documented
 * order. Never from argv: a PIN there would sit in the shell history and in `ps`.
 */
import { createInterface, type Interface } from 'node:readline';
import { InputError } from '../core/messages/errors.js';

export class SecretInput {
  private lines: AsyncIterator<string> | undefined;
  private reader: Interface | undefined;

  constructor(readonly fromStdin: boolean) {}

  /** Whether a person answers at a terminal (else: lines from stdin, for scripts and tests). */
  get atTerminal(): boolean {
    return !this.fromStdin && Boolean(process.stdin.isTTY);
  }

  /** The next secret: the next stdin line, or typed at the terminal after `prompt` (on stderr). */
  async read(prompt: string): Promise<string> {
    if (!this.atTerminal) return this.nextLine(prompt);
    return readHidden(prompt);
  }

  /** A visible answer typed at the terminal (not a secret); undefined when there is no terminal. */
  async ask(question: string): Promise<string | undefined> {
    if (!this.atTerminal) return undefined;
    return (await askLine(question)).trim();
  }

  /** A visible yes/no answer at the terminal; `fallback` when there is no terminal. */
  async confirm(question: string, fallback: boolean): Promise<boolean> {
    if (!this.atTerminal) return fallback;
    return /^(y|yes|はい)$/iu.test((await askLine(question)).trim());
  }

  /** A visible answer typed at the terminal, or the next stdin line when there is no terminal (scripts, tests). */
  async answer(question: string): Promise<string> {
    if (!this.atTerminal) return this.nextLine(question);
    return (await askLine(question)).trim();
  }

  close(): void {
    this.reader?.close();
  }

  private async nextLine(what: string): Promise<string> {
    if (!this.lines) {
      this.reader = createInterface({ input: process.stdin, terminal: false });
      this.lines = this.reader[Symbol.asyncIterator]();
    }
    const next = await this.lines.next();
    // No terminal to type at and nothing (more) on stdin: say a PIN is needed and how to give it.
    if (next.done) throw new InputError({ code: 'TD-CLI-PIN-NEEDED', message: 'standard input ended before a PIN', params: { what: what.replace(/[:：]\s*$/u, '').trim() } });
    return next.value.replace(/\r$/u, '');
  }
}

/** The user stopped at a prompt (Ctrl-C, or Ctrl-D before answering): the user's own choice, said as such. */
function cancelled(): InputError {
  return new InputError({ code: 'TD-CANCELLED', message: 'Cancelled at a prompt' });
}

/**
 * A visible question at the terminal. Ctrl-C there reaches readline, not the process
 * (readline keeps the terminal raw): left alone, readline only paused stdin, the
 * question never settled and the CLI ended silently with exit code 0 — a run the user
 * stopped looked like one that succeeded.
 */
function askLine(question: string): Promise<string> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  return new Promise<string>((resolve, reject) => {
    let answered = false;
    rl.on('SIGINT', () => rl.close());
    rl.on('close', () => {
      if (!answered) reject(cancelled());
    });
    rl.question(question, (answer) => {
      answered = true;
      rl.close();
      resolve(answer);
    });
  });
}

function readHidden(prompt: string): Promise<string> {
  // No echo before the prompt shows: what is typed from then on is never on the screen.
  process.stdin.setRawMode(true);
  process.stderr.write(prompt);
  process.stdin.resume();
  return new Promise((resolve, reject) => {
    let secret = '';
    const onData = (chunk: Buffer): void => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return finish(() => resolve(secret));
        // Ctrl-C (raw mode turns it into this character, not SIGINT): the user's own choice,
        // said as such — not the catalogue's "unexpected error, contact the helpdesk".
        if (ch === '\u0003') return finish(() => reject(cancelled()));
        if (ch === '\u007f' || ch === '\b') secret = secret.slice(0, -1);
        else secret += ch;
      }
    };
    const finish = (settle: () => void): void => {
      process.stdin.off('data', onData);
      process.stdin.setRawMode(false);
      process.stdin.pause();
      process.stderr.write('\n');
      settle();
    };
    process.stdin.on('data', onData);
  });
}
