import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { PortalAnswer, PortalPrompt, UserMessage } from '../../../../api/index.js';
import { MessageBox } from '../../components/message-box.js';
import { PinField } from '../../components/pin-field.js';
import type { StringKey } from '../../i18n/strings.js';
import { useT } from '../../i18n/use-t.js';
import { requireApi } from '../../store/connection-store.js';
import { usePortal } from '../../store/portal-store.js';

const PURPOSE_WORDS: Record<PortalPrompt['purpose'], StringKey> = {
  access: 'portalPurposeAccess',
  readDevice: 'portalPurposeReadDevice',
  signChallenge: 'portalPurposeSignChallenge',
};

/**
 * A CA web page asks, through the device module: may it use the token, or the
 * user PIN for a read or a login. Drawn over every screen, one prompt at a time,
 * with the exact origin and the pairing code the page shows too. The PIN typed
 * here goes to the core and is emptied from the field at once; the page never sees it.
 */
export function PortalPromptDialog() {
  const prompt = usePortal((state) => state.prompts[0]);
  if (!prompt) return null;
  return <PromptBody key={prompt.id} prompt={prompt} />;
}

function PromptBody({ prompt }: { prompt: PortalPrompt }) {
  const t = useT();
  const [pin, setPin] = useState('');
  const [finalTryConfirmed, setFinalTryConfirmed] = useState(false);
  const [error, setError] = useState<UserMessage | undefined>();
  const heading = useRef<HTMLHeadingElement>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  // A modal <dialog>: the screens behind it are inert until the user answers, as an OS prompt would be.
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
    heading.current?.focus();
  }, []);

  const send = async (answer: Omit<PortalAnswer, 'id'>) => {
    const reply = await requireApi().answerPortalPrompt({ id: prompt.id, ...answer });
    if (!reply.ok) setError(reply.error);
  };
  const submitPin = (event: FormEvent) => {
    event.preventDefault();
    const typed = pin;
    setPin('');
    void send({ decision: 'submit', pin: typed, ...(finalTryConfirmed ? { confirmFinalTry: true } : {}) });
  };

  return (
    <dialog
      ref={dialog}
      role="alertdialog"
      aria-labelledby="portal-prompt-heading"
      aria-describedby="portal-prompt-lead"
      className="portal-dialog"
      data-prompt={prompt.kind}
      // Escape must not dismiss it unanswered: the page would wait for nothing.
      onCancel={(event) => event.preventDefault()}
    >
      <h2 id="portal-prompt-heading" tabIndex={-1} ref={heading}>
        {t(prompt.kind === 'access' ? 'portalAccessTitle' : 'portalPinTitle')}
      </h2>
      <p id="portal-prompt-lead">{t(PURPOSE_WORDS[prompt.purpose])}</p>
      <dl className="portal-facts">
        <dt>{t('portalOrigin')}</dt>
        <dd>
          <code data-field="origin">{prompt.origin}</code>
        </dd>
        <dt>{t('portalPairingCode')}</dt>
        <dd>
          <strong className="pairing-code" data-field="pairing-code">
            {prompt.pairingCode}
          </strong>
        </dd>
        {prompt.tokenSerial ? (
          <>
            <dt>{t('portalToken')}</dt>
            <dd>{prompt.tokenSerial}</dd>
          </>
        ) : null}
      </dl>
      <p className="hint">{t('portalPairingHint')}</p>
      {prompt.preListed ? <p className="hint">{t('portalPreListed')}</p> : null}
      {prompt.kind === 'access' ? (
        <div className="actions">
          <button type="button" className="primary" onClick={() => void send({ decision: 'once' })}>
            {t('portalAllowOnce')}
          </button>
          <button type="button" className="secondary" onClick={() => void send({ decision: 'always' })}>
            {t('portalAllowAlways')}
          </button>
          <button type="button" className="secondary" onClick={() => void send({ decision: 'deny' })}>
            {t('portalDeny')}
          </button>
        </div>
      ) : (
        <form onSubmit={submitPin} className="inline-form">
          <PinField id="portal-pin" label={t('step4Field')} value={pin} onChange={setPin} autoFocus />
          {prompt.finalTry ? (
            <div className="checkbox">
              <input
                id="portal-final-try"
                type="checkbox"
                checked={finalTryConfirmed}
                onChange={(event) => setFinalTryConfirmed(event.target.checked)}
              />
              <label htmlFor="portal-final-try">{t('portalFinalTry')}</label>
            </div>
          ) : null}
          <div className="actions">
            <button
              type="submit"
              className="primary"
              disabled={pin.length === 0 || (prompt.finalTry === true && !finalTryConfirmed)}
            >
              {t('portalSendPin')}
            </button>
            <button type="button" className="secondary" onClick={() => void send({ decision: 'cancel' })}>
              {t('cancel')}
            </button>
          </div>
        </form>
      )}
      {error ? <MessageBox message={error} /> : null}
    </dialog>
  );
}
