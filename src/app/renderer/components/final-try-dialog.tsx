import { useEffect, useRef } from 'react';
import type { UserMessage } from '../../../api/index.js';
import { useT } from '../i18n/use-t.js';
import type { StringKey } from '../i18n/strings.js';
import { useUi } from '../store/ui-store.js';

/**
 * Whose last try: a user PIN the user typed (token or card), the application's storage
 * PIN at the CA (STEP3), or the token's administrator (SO) PIN the CA keeps — for an
 * unlock (`adminPin`) or for STEP4 setting the user PIN (`adminPinForStorage`).
 */
export type FinalTryWhat = 'token' | 'card' | 'storagePin' | 'adminPin' | 'adminPinForStorage';

/** The buttons' words: the administrator PIN's say what its last try is used for. */
const BUTTONS: Readonly<Record<FinalTryWhat, { cancel: StringKey; go: StringKey }>> = {
  token: { cancel: 'finalTryCancel', go: 'finalTryContinue' },
  card: { cancel: 'finalTryCancel', go: 'finalTryContinue' },
  storagePin: { cancel: 'finalTryCancel', go: 'finalTryContinue' },
  adminPin: { cancel: 'finalTryAdminCancel', go: 'finalTryAdminContinue' },
  adminPinForStorage: { cancel: 'finalTryCancel', go: 'finalTryAdminStoreContinue' },
};

/**
 * Asked before a PIN try that would lock the token or card (or, at STEP3, the application's storage PIN at the CA) (docs/architecture.md, Flow F:
 * never log in on the final try unless the user confirms): a modal question in plain
 * words instead of an error naming a command-line flag. Cancel is the safe default
 * (focused first, and Escape); the caller wipes the PINs it kept for the retry. For the
 * administrator PIN, the catalogue's own words (`message`: its text and cause, which name
 * no flag) say whose try it is, and what losing it would cost.
 */
export function FinalTryDialog({ what, message, onContinue, onCancel }: { what: FinalTryWhat; message?: UserMessage | undefined; onContinue: () => void; onCancel: () => void }) {
  const t = useT();
  const language = useUi((state) => state.language);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
    return () => element?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="final-try-dialog"
      role="alertdialog"
      aria-labelledby="final-try-title"
      aria-describedby="final-try-body"
      data-dialog="final-try"
      onCancel={(event) => {
        event.preventDefault();
        onCancel();
      }}
    >
      <h3 id="final-try-title">{t('finalTryTitle')}</h3>
      {what === 'adminPin' || what === 'adminPinForStorage' ? (
        <div id="final-try-body" data-code={message?.code}>
          {message ? <p>{message.text[language]}</p> : null}
          {message ? <p>{message.cause[language]}</p> : null}
          <p>{t('finalTryAdminBody')}</p>
        </div>
      ) : (
        <p id="final-try-body">
          {what === 'storagePin' ? t('finalTryStorageBody') : t('finalTryBody', { what: t(what === 'card' ? 'finalTryWhatCard' : 'finalTryWhatToken') })}
        </p>
      )}
      <div className="actions">
        <button type="button" className="secondary" onClick={onCancel} autoFocus>
          {t(BUTTONS[what].cancel)}
        </button>
        <button type="button" className="primary danger" onClick={onContinue}>
          {t(BUTTONS[what].go)}
        </button>
      </div>
    </dialog>
  );
}
