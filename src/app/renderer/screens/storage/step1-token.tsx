import type { FormEvent } from 'react';
import { useT } from '../../i18n/use-t.js';
import { useConnection } from '../../store/connection-store.js';
import { useWizard } from '../../store/wizard-store.js';
import { StepActions } from './step-actions.js';

/** STEP1 eToken認証: plug in exactly one token and press Next (once TokenDesk is connected: the page is drawn before). */
export function Step1Token() {
  const t = useT();
  const detectToken = useWizard((state) => state.detectToken);
  const cancel = useWizard((state) => state.cancel);
  const sending = useWizard((state) => state.sending);
  const connected = useConnection((state) => state.status === 'ready');
  // Refused as already stored: the user may still have a renewal's or reissue's application number from the CA's mail.
  const alreadyStored = useWizard((state) => state.view?.step === 1 && state.view.error?.code === 'TD-CERT-ALREADY-STORED');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (connected) void detectToken();
  };
  return (
    <form onSubmit={submit} aria-labelledby="step-heading" className="step-form">
      <p className="lead">{t('step1Lead')}</p>
      <p className="note">
        {t('note')} {t('step1Note')}
      </p>
      <StepActions onCancel={() => void cancel()} disabled={sending || !connected} />
      {alreadyStored ? (
        <div className="actions">
          <button type="button" className="secondary" disabled={sending || !connected} onClick={() => void detectToken({ withApplicationNo: true })}>
            {t('step1WithApplicationNo')}
          </button>
        </div>
      ) : null}
    </form>
  );
}
