import { useState, type FormEvent } from 'react';
import type { WizardView } from '../../../../api/index.js';
import { pinInputProblem } from '../../../../core/pin/input-problem.js';
import { FinalTryDialog } from '../../components/final-try-dialog.js';
import { PinField } from '../../components/pin-field.js';
import { useT } from '../../i18n/use-t.js';
import { useWizard } from '../../store/wizard-store.js';
import { StepActions } from './step-actions.js';

/**
 * STEP3 電子証明書格納用PIN入力: the 10 digits from the CA's mail. When the CA says one
 * try is left (TD-CA-STORAGE-PIN-FINAL-TRY, nothing checked), the question of STEP4's
 * final try asks before the PIN is sent again; no keeps STEP3 and forgets the PIN.
 */
export function Step3StoragePin({ view }: { view: WizardView }) {
  const t = useT();
  const submitStoragePin = useWizard((state) => state.submitStoragePin);
  const cancel = useWizard((state) => state.cancel);
  const sending = useWizard((state) => state.sending);
  const finalTryAsked = useWizard((state) => state.storageFinalTryAsked);
  const answerFinalTry = useWizard((state) => state.answerStorageFinalTry);
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
      {finalTryAsked ? (
        <FinalTryDialog what="storagePin" onContinue={() => void answerFinalTry(true)} onCancel={() => void answerFinalTry(false)} />
      ) : null}
    </form>
  );
}
