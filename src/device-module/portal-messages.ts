/**
 * Any failure of a portal call as the words a CA's page shows: the catalogue's
 * entry, with the CA manual's own wording where the web system had one — a wrong
 * user PIN is CA manual §12.1 row 8 (ユーザー認証エラー) on the CA's pages, where
 * TokenDesk's own screens say TD-PIN-INCORRECT with the tries left.
 */
import { messageFor, toUserError, type UserMessage } from '../core/messages/index.js';
import { PortalRefusal } from './token-work.js';

const AS_THE_MANUAL_SAYS: Readonly<Record<string, string>> = {
  'TD-PIN-INCORRECT': 'TD-USER-AUTH',
};

export function portalMessage(error: unknown): UserMessage {
  const message = error instanceof PortalRefusal ? error.userMessage : toUserError(error);
  const manual = AS_THE_MANUAL_SAYS[message.code];
  return manual ? messageFor(manual) : message;
}
