import { CatalogueError } from '../messages/errors.js';

/** A failure of the storage flow itself (not the token's, not the CA's); its code is a catalogue code. */
export class StorageError extends CatalogueError {
  override readonly name = 'StorageError';
}
