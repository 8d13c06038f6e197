import { CodedError } from '../messages/coded-error.js';
import type { InputErrorOptions } from '../messages/errors.js';
import type { MessageParams } from '../messages/index.js';

/**
 * A failure of the storage flow itself (not the token's, not the CA's); its code is a
 * catalogue code, and `params` fill that entry's words (the token's serial …).
 */
export class StorageError extends CodedError<string, { params: MessageParams }> {
  override readonly name = 'StorageError';
  declare readonly params: MessageParams;

  constructor({ params = {}, ...options }: InputErrorOptions) {
    super({ ...options, params });
  }

  get catalogueCode(): string {
    return this.code;
  }

  override get messageParams(): MessageParams {
    return this.params;
  }
}
