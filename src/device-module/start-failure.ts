/** Why a host could not start the device module, for a terminal: the catalogue's words (a bad policy file) or a port in use. */
import { InputError, toUserError } from '../core/messages/index.js';

export function describeStartFailure(error: unknown): string {
  if (error instanceof InputError) {
    const message = toUserError(error);
    return [`${message.text.ja} ${message.cause.ja}`, `${message.text.en} ${message.cause.en}`, message.remedy.ja, message.remedy.en].join('\n');
  }
  if ((error as { code?: string } | null)?.code === 'EADDRINUSE') {
    return 'ポートが使用中です。TokenDesk が既に起動していないか確認するか、別のポートを指定してください。 / The port is in use: is TokenDesk already running? Otherwise choose another port.';
  }
  return error instanceof Error ? error.message : String(error);
}
