import { useEffect, useRef } from 'react';
import { useT } from '../i18n/use-t.js';

/**
 * Asked before a PIN try that would lock the token or card (docs/architecture.md, Flow F:
 * never log in on the final try unless the user confirms): a modal question in plain
 * words instead of an error naming a command-line flag. Cancel is the safe default
 * (focused first, and Escape); the caller wipes the PINs it kept for the retry.
 */
export function FinalTryDialog({ what, onContinue, onCancel }: { what: 'token' | 'card'; onContinue: () => void; onCancel: () => void }) {
  const t = useT();
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
      <p id="final-try-body">{t('finalTryBody', { what: t(what === 'card' ? 'finalTryWhatCard' : 'finalTryWhatToken') })}</p>
      <div className="actions">
        <button type="button" className="secondary" onClick={onCancel} autoFocus>
          {t('finalTryCancel')}
        </button>
        <button type="button" className="primary danger" onClick={onContinue}>
          {t('finalTryContinue')}
        </button>
      </div>
    </dialog>
  );
}
