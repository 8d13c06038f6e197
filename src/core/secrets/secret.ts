/**
 * A PIN held only as long as a step needs it. JavaScript strings cannot be wiped,
 * so the value lives in a Buffer that wipe() zeroes; a string is made only at the
 * moment a library call needs one (pkcs11js's C_Login, an HTTP Basic header) and
 * dropped at once. The object never prints its value: toString, JSON and
 * util.inspect all show a placeholder, so a PIN cannot slip into a log or report.
 */
import { inspect } from 'node:util';

export class Secret {
  private bytes: Buffer | undefined;

  constructor(value: string) {
    this.bytes = Buffer.from(value, 'utf8');
  }

  /** The value, for the one call that needs it. Throws once wiped: a wiped PIN is never silently empty. */
  reveal(): string {
    if (!this.bytes) throw new Error('This PIN was wiped and must be entered again');
    return this.bytes.toString('utf8');
  }

  get wiped(): boolean {
    return this.bytes === undefined;
  }

  get length(): number {
    return this.bytes?.length ?? 0;
  }

  wipe(): void {
    this.bytes?.fill(0);
    this.bytes = undefined;
  }

  toString(): string {
    return '[secret]';
  }

  toJSON(): string {
    return '[secret]';
  }

  [inspect.custom](): string {
    return 'Secret([secret])';
  }
}

/** Wipes every secret given; undefined ones are skipped. */
export function wipeAll(...secrets: Array<Secret | undefined>): void {
  for (const secret of secrets) secret?.wipe();
}
