import type { MessageParams } from '../messages/index.js';

/** A failure of the storage flow itself (not the token's, not the CA's), with a catalogue code and its values. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly code: string,
    message: string,
    readonly params: MessageParams = {},
  ) {
    super(message);
  }
}
