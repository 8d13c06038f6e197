import { useState, type FormEvent } from 'react';
import type { WizardView } from '../../../../api/index.js';
import { useT } from '../../i18n/use-t.js';
import { useWizard } from '../../store/wizard-store.js';
import { StepActions } from './step-actions.js';

/**
 * STEP2 for a token the CA names no issuance for (it holds no possession tag from the
 * CA): the application number from the CA's mail instead of the user name, which
 * the CA tells only after the storage PIN is checked (STEP4 shows it).
 */
export function Step2ApplicationNumber({ view }: { view: WizardView }) {
  const t = useT();
  const confirmUser = useWizard((state) => state.confirmUser);
  const cancel = useWizard((state) => state.cancel);
  const sending = useWizard((state) => state.sending);
  const [applicationNo, setApplicationNo] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void confirmUser(applicationNo);
  };
  return (
    <form onSubmit={submit} aria-labelledby="step-heading" className="step-form">
      <p className="lead">{t('step2NumberLead')}</p>
      <dl className="facts">
        <dt>{t('step2Serial')}</dt>
        <dd data-field="token-serial">{view.token?.serial ?? '—'}</dd>
      </dl>
      <div className="field">
        <label htmlFor="application-no">{t('step2NumberField')}</label>
        <input
          id="application-no"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          value={applicationNo}
          onChange={(event) => setApplicationNo(event.target.value)}
          aria-describedby="application-no-hint"
          aria-invalid={Boolean(view.error) || undefined}
          autoFocus
        />
        <p id="application-no-hint" className="hint">
          {t('step2NumberHint')}
        </p>
      </div>
      <StepActions onCancel={() => void cancel()} disabled={sending} />
    </form>
  );
}
