import { useState, type FormEvent } from 'react';
import type { WizardView } from '../../../../api/index.js';
import { pinInputProblem } from '../../../../core/pin/input-problem.js';
import { PinField } from '../../components/pin-field.js';
import { useT } from '../../i18n/use-t.js';
import { useWizard } from '../../store/wizard-store.js';
import { StepActions } from './step-actions.js';

/** STEP3 電子証明書格納用PIN入力: the 10 digits from the CA's mail. */
export function Step3StoragePin({ view }: { view: WizardView }) {
  const t = useT();
  const submitStoragePin = useWizard((state) => state.submitStoragePin);
  const cancel = useWizard((state) => state.cancel);
  const sending = useWizard((state) => state.sending);
  const [pin, setPin] = useState('');
  // Kept as typed: an 11th digit or a letter is refused under the field, never cut.
  const problem = pinInputProblem('storage', pin);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (problem) return;
    // The field lets go of the PIN as it is sent: a wrong one is typed again, never kept.
    const typed = pin;
    setPin('');
    void submitStoragePin(typed);
  };
  return (
    <form onSubmit={submit} aria-labelledby="step-heading" className="step-form">
      <p className="lead">{t('step3Lead')}</p>
      <PinField
        id="storage-pin"
        label={t('step3Field')}
        hint={t('step3Hint')}
        value={pin}
        onChange={setPin}
        inputMode="numeric"
        autoFocus
        invalid={Boolean(view.error)}
        problem={problem}
        describedBy={view.attemptsLeft !== undefined ? 'attempts-left' : undefined}
      />
      {view.attemptsLeft !== undefined ? (
        <p id="attempts-left" className="attempts">
          {t('attemptsLeft', { n: view.attemptsLeft })}
        </p>
      ) : null}
      <p>{t('step3After')}</p>
      <StepActions onCancel={() => void cancel()} disabled={sending} nextDisabled={problem !== undefined} />
    </form>
  );
}
