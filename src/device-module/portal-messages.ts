/**
 * Any failure of a portal call as the words a CA's page shows: the catalogue's
 * entry, with the CA manual's own wording where the web system had one — a wrong
 * user PIN is CA manual §12.1 row 8 (ユーザー認証エラー) on the CA's pages, where
 * TokenDesk's own screens say TD-PIN-INCORRECT with the tries left.
 */
import { messageFor, toUserError, type MessageParams, type UserMessage } from '../core/messages/index.js';
import { PortalRefusal } from './token-work.js';

const AS_THE_MANUAL_SAYS: Readonly<Record<string, string>> = {
  'TD-PIN-INCORRECT': 'TD-USER-AUTH',
};

/** Values a page is never shown: the PC's own file paths (the middleware's, a settings file's), which can name the user. */
const THIS_PC_ONLY: readonly string[] = ['path', 'modulePath', 'file'];

export function portalMessage(error: unknown): UserMessage {
  const message = error instanceof PortalRefusal ? error.userMessage : forThePage(error);
  const manual = AS_THE_MANUAL_SAYS[message.code];
  return manual ? messageFor(manual) : message;
}

/** The catalogue's words for the failure, worded again without this PC's paths where it named one. */
function forThePage(error: unknown): UserMessage {
  const message = toUserError(error);
  const params = (error as { messageParams?: MessageParams } | null)?.messageParams;
  if (!params || !THIS_PC_ONLY.some((name) => name in params)) return message;
  return messageFor(message.code, Object.fromEntries(Object.entries(params).filter(([name]) => !THIS_PC_ONLY.includes(name))));
}
