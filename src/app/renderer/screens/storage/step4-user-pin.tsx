import { useState, type FormEvent } from 'react';
import type { WizardView } from '../../../../api/index.js';
import { pinInputProblem } from '../../../../core/pin/input-problem.js';
import { CapsLockWarning } from '../../components/caps-lock-warning.js';
import { FinalTryDialog } from '../../components/final-try-dialog.js';
import { refusedOnSoFinalTry } from '../../components/final-try.js';
import { PinField } from '../../components/pin-field.js';
import { useT } from '../../i18n/use-t.js';
import { useWizard } from '../../store/wizard-store.js';
import { StepActions } from './step-actions.js';

/**
 * STEP4 ユーザーPIN設定: the new user PIN typed twice, 4–8 half-width letters and
 * digits, case-sensitive, with the manual's words around it (CA manual §7.4 ⑦). What
 * is typed is kept as typed: a 9th character or a symbol is refused under its own
 * field (the rule is src/core/pin's, the words the catalogue's) and 次へ stays
 * disabled until it is put right. The current PIN is asked for only when the core
 * says the CA holds no admin PIN for this token.
 */
export function Step4UserPin({ view }: { view: WizardView }) {
  const t = useT();
  const submitUserPin = useWizard((state) => state.submitUserPin);
  const cancel = useWizard((state) => state.cancel);
  const sending = useWizard((state) => state.sending);
  const finalTryAsked = useWizard((state) => state.finalTryAsked);
  const answerFinalTry = useWizard((state) => state.answerFinalTry);
  const [pins, setPins] = useState({ newPin: '', confirmation: '', current: '' });
  const [capsLock, setCapsLock] = useState(false);
  const needsCurrent = view.error?.code === 'TD-USER-PIN-CURRENT-REQUIRED' || pins.current.length > 0;
  const problems = {
    current: pinInputProblem('user', pins.current),
    newPin: pinInputProblem('user', pins.newPin),
    confirmation: pinInputProblem('userConfirmation', pins.confirmation),
  };
  const refused = Object.values(problems).some((problem) => problem !== undefined);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (refused) return;
    const { newPin, confirmation, current } = pins;
    setPins({ newPin: '', confirmation: '', current: '' });
    void submitUserPin(newPin, confirmation, needsCurrent ? current : undefined);
  };

  return (
    <form onSubmit={submit} aria-labelledby="step-heading" className="step-form">
      {view.applicationNoNeeded && view.target?.name ? (
        // STEP2 asked for the application number: the name comes from the storage-PIN check, shown here.
        <>
          <dl className="facts">
            <dt>{t('step2UserName')}</dt>
            <dd data-field="user-name">{view.target.label}</dd>
          </dl>
          <p>{t('step4Applicant')}</p>
        </>
      ) : null}
      <p className="lead">{t('step4Lead')}</p>
      <p id="user-pin-rule">
        {t('step4Every')} {t('step4Rule')} {t('step4Case')}
      </p>
      <p id="user-pin-ninth" className="note">
        {t('step4NoNinth')}
      </p>
      <CapsLockWarning id="caps-lock" on={capsLock} />
      {needsCurrent ? (
        <PinField
          id="current-pin"
          label={t('step4Current')}
          hint={t('step4CurrentHint')}
          value={pins.current}
          onChange={(current) => setPins((now) => ({ ...now, current }))}
          onCapsLock={setCapsLock}
          problem={problems.current}
          autoFocus
        />
      ) : null}
      <PinField
        id="user-pin"
        label={t('step4Field')}
        value={pins.newPin}
        onChange={(newPin) => setPins((now) => ({ ...now, newPin }))}
        onCapsLock={setCapsLock}
        describedBy="user-pin-rule user-pin-ninth caps-lock"
        autoFocus={!needsCurrent}
        invalid={Boolean(view.error)}
        problem={problems.newPin}
      />
      <PinField
        id="user-pin-confirm"
        label={t('step4Confirm')}
        value={pins.confirmation}
        onChange={(confirmation) => setPins((now) => ({ ...now, confirmation }))}
        onCapsLock={setCapsLock}
        describedBy="user-pin-rule user-pin-ninth caps-lock"
        problem={problems.confirmation}
      />
      <p className="login-note">
        ■{t('step4Login')}
        {t('step4Remember')}
      </p>
      <p>{t('step4After')}</p>
      <StepActions onCancel={() => void cancel()} disabled={sending} nextDisabled={refused} />
      {finalTryAsked ? (
        // Cancel forgets every PIN kept for the question: the store's and the core's (back to STEP1).
        // The administrator PIN's last try (the CA keeps it) is asked in its own words, not the user PIN's.
        <FinalTryDialog
          what={refusedOnSoFinalTry(view.error) ? 'adminPinForStorage' : 'token'}
          message={view.error}
          onContinue={() => void answerFinalTry(true)}
          onCancel={() => void answerFinalTry(false)}
        />
      ) : null}
    </form>
  );
}
