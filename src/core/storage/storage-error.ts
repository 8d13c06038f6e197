import { CatalogueError } from '../messages/errors.js';

/** A failure of the storage flow itself (not the token's, not the CA's); its code is a catalogue code. */
export class StorageError extends CatalogueError {
  // Stryker disable next-line StringLiteral: equivalent for users — toUserError maps a CodedError by its code, never its name; the name is read only in developer logs
  override readonly name = 'StorageError';
}
