/** A failure of the storage flow itself (not the token's, not the CA's), with a catalogue code. */
export class StorageError extends Error {
  override readonly name = 'StorageError';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}
