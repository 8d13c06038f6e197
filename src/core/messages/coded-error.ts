/**
 * The one base of TokenDesk's errors (docs/errors.md, "Two kinds of code").
 *
 * `code` is what a program branches on: a camelCase reason where one catalogue
 * entry covers several causes (a TokenError's `pinLength` and `pinInvalid` both
 * read TD-PIN-REJECTED-BY-TOKEN) or where the code is the CA protocol's own
 * (ServerError); the catalogue code itself where the error is exactly one entry
 * (InputError, StorageError). `catalogueCode` is what a user sees and quotes to
 * the helpdesk: `TD-…` or a source manual's number. Every error is built the same way,
 * from an options object, and never carries a secret.
 */
import type { MessageParams } from './message-for.js';

export interface CodedErrorOptions<Code extends string> {
  code: Code;
  /** For developers and logs; users see the catalogue's words instead. */
  message: string;
  /** The failure underneath (a Node or OpenSSL error), kept for reports. */
  cause?: unknown;
}

/**
 * `Details`: the fields a subclass adds (a TokenError's `ckr` and `fn`, a CaError's
 * `status` …). They come in the same options object and are set here, so a
 * subclass only declares them (`declare readonly ckr: …`).
 */
export abstract class CodedError<Code extends string = string, Details extends object = object> extends Error {
  readonly code: Code;

  constructor({ code, message, cause, ...details }: CodedErrorOptions<Code> & Details) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    Object.assign(this, details);
  }

  /** The catalogue entry a user is shown for this error. */
  abstract get catalogueCode(): string;

  /** Values for that entry's `{placeholders}`: counts, statuses, names — never a PIN. */
  get messageParams(): MessageParams {
    return {};
  }
}
