import { CodedError } from '../messages/coded-error.js';

/** A failure of the storage flow itself (not the token's, not the CA's); its code is a catalogue code. */
export class StorageError extends CodedError {
  override readonly name = 'StorageError';

  get catalogueCode(): string {
    return this.code;
  }
}
