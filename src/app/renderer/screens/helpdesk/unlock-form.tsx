import { useState, type FormEvent } from 'react';
import { PinField } from '../../components/pin-field.js';
import { useT } from '../../i18n/use-t.js';

export interface UnlockInput {
  unlockCode: string;
  newPin: string;
  confirmation: string;
}

/**
 * ロック解除 (CA manual §12.1 row 6, done at the contractor's desk): the one-time unlock
 * code from the CA's operator and a new user PIN typed twice. The fields are emptied the
 * moment they are handed on, so no secret lingers in the page.
 */
export function UnlockForm({ running, onSubmit }: { running: boolean; onSubmit: (input: UnlockInput) => void }) {
  const t = useT();
  const empty = { unlockCode: '', newPin: '', confirmation: '' };
  const [input, setInput] = useState<UnlockInput>(empty);
  const field = (name: keyof UnlockInput) => (value: string) => setInput((now) => ({ ...now, [name]: value }));
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const sent = input;
    setInput(empty);
    onSubmit(sent);
  };
  return (
    <form onSubmit={submit} className="inline-form" aria-labelledby="unlock-heading" data-form="unlock">
      <h3 id="unlock-heading">{t('unlockTitle')}</h3>
      <p className="lead">{t('unlockIntro')}</p>
      <PinField id="unlock-code" label={t('unlockCode')} value={input.unlockCode} onChange={field('unlockCode')} inputMode="numeric" autoFocus />
      <PinField id="unlock-new-pin" label={t('pinChangeNew')} value={input.newPin} onChange={field('newPin')} hint={t('step4Rule')} />
      <PinField id="unlock-new-pin-again" label={t('pinChangeAgain')} value={input.confirmation} onChange={field('confirmation')} />
      <div className="actions">
        <button type="submit" className="primary" disabled={running}>
          {t('unlockSubmit')}
        </button>
      </div>
    </form>
  );
}
