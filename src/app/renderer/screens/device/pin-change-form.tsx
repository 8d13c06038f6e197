import { useState, type FormEvent } from 'react';
import type { PinChangedView } from '../../../../api/index.js';
import { refusedOnFinalTry } from '../../components/final-try.js';
import { useFinalTryQuestion } from '../../components/final-try-question.js';
import { MessageBox } from '../../components/message-box.js';
import { PinField } from '../../components/pin-field.js';
import { useCall } from '../../components/use-call.js';
import { useT } from '../../i18n/use-t.js';
import { requireApi } from '../../store/connection-store.js';

interface PinChange {
  currentPin: string;
  newPin: string;
  confirmation: string;
}

/**
 * ユーザーPINの変更 (docs/architecture.md, Flow F): the current PIN, the new one twice. The fields are
 * emptied when sent; the PINs are kept only while the final-try question is open, and
 * dropped on either answer.
 */
export function PinChangeForm({ serial }: { serial?: string }) {
  const t = useT();
  const empty: PinChange = { currentPin: '', newPin: '', confirmation: '' };
  const [input, setInput] = useState<PinChange>(empty);
  const finalTry = useFinalTryQuestion<PinChange>('token');
  const change = useCall<PinChangedView>();
  const field = (name: keyof PinChange) => (value: string) => setInput((now) => ({ ...now, [name]: value }));
  const send = (pins: PinChange, confirmFinalTry: boolean) =>
    void change.run(async () => {
      const reply = await requireApi().changeUserPin({ ...pins, ...(serial ? { serial } : {}), ...(confirmFinalTry ? { confirmFinalTry: true } : {}) });
      finalTry.keep(!reply.ok && !confirmFinalTry && refusedOnFinalTry(reply.error) ? pins : undefined);
      return reply;
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const sent = input;
    setInput(empty);
    send(sent, false);
  };
  return (
    <form onSubmit={submit} className="inline-form" aria-labelledby="pin-change-heading" data-form="pin-change">
      <h3 id="pin-change-heading">{t('pinChangeTitle')}</h3>
      <PinField id="pin-change-current" label={t('pinChangeCurrent')} value={input.currentPin} onChange={field('currentPin')} />
      <PinField id="pin-change-new" label={t('pinChangeNew')} value={input.newPin} onChange={field('newPin')} hint={t('step4Rule')} />
      <PinField id="pin-change-again" label={t('pinChangeAgain')} value={input.confirmation} onChange={field('confirmation')} />
      <div className="actions">
        <button type="submit" className="primary" disabled={change.running}>
          {t('pinChangeSubmit')}
        </button>
      </div>
      {finalTry.question(
        (pins) => send(pins, true),
        () => change.reset(),
      )}
      {change.error && !finalTry.kept ? <MessageBox message={change.error} /> : null}
      {change.value ? (
        <p className="ok-line" role="status" data-status="pin-changed">
          ✔ {t('pinChangeDone')}
        </p>
      ) : null}
    </form>
  );
}
