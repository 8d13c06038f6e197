import { useState, type FormEvent } from 'react';
import type { WizardView } from '../../../../api/index.js';
import { messageFor } from '../../../../core/messages/message-for.js';
import { admitUserPinInput } from '../../../../core/pin/user-pin.js';
import { CapsLockWarning } from '../../components/caps-lock-warning.js';
import { PinField } from '../../components/pin-field.js';
import { useT } from '../../i18n/use-t.js';
import { useUi } from '../../store/ui-store.js';
import { useWizard } from '../../store/wizard-store.js';
import { StepActions } from './step-actions.js';

type PinName = 'newPin' | 'confirmation';

/**
 * STEP4 ユーザーPIN設定: the new user PIN typed twice, 4–8 half-width letters and
 * digits, case-sensitive; a 9th character is refused as it is typed (the rule is
 * src/core/pin's, the words the catalogue's). The current PIN is asked for only
 * when the core says the CA holds no admin PIN for this token.
 */
export function Step4UserPin({ view }: { view: WizardView }) {
  const t = useT();
  const language = useUi((state) => state.language);
  const submitUserPin = useWizard((state) => state.submitUserPin);
  const cancel = useWizard((state) => state.cancel);
  const sending = useWizard((state) => state.sending);
  const [pins, setPins] = useState({ newPin: '', confirmation: '', current: '' });
  const [refused, setRefused] = useState<PinName | undefined>();
  const [capsLock, setCapsLock] = useState(false);
  const needsCurrent = view.error?.code === 'TD-USER-PIN-CURRENT-REQUIRED' || pins.current.length > 0;

  const admit = (name: PinName) => (typed: string) => {
    const admitted = admitUserPinInput(typed);
    setRefused(admitted.refused ? name : undefined);
    setPins((now) => ({ ...now, [name]: admitted.value }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const { newPin, confirmation, current } = pins;
    setPins({ newPin: '', confirmation: '', current: '' });
    setRefused(undefined);
    void submitUserPin(newPin, confirmation, needsCurrent ? current : undefined);
  };
  const refusal = refused ? messageFor('TD-USER-PIN-TOO-LONG').text[language] : undefined;
  /** A new-PIN field (typed twice), with a refused 9th character said right below it. */
  const newPinField = (name: PinName, id: string, label: string, also: { autoFocus: boolean; invalid: boolean }) => (
    <>
      <PinField
        id={id}
        label={label}
        value={pins[name]}
        onChange={admit(name)}
        onCapsLock={setCapsLock}
        describedBy={`user-pin-rule caps-lock${refused === name ? ` ${id}-refused` : ''}`}
        autoFocus={also.autoFocus}
        invalid={refused === name || also.invalid}
      />
      {refused === name ? (
        <p id={`${id}-refused`} className="field-error" role="alert">
          {refusal}
        </p>
      ) : null}
    </>
  );

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
        {t('step4Rule')} {t('step4Case')}
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
          autoFocus
        />
      ) : null}
      {newPinField('newPin', 'user-pin', t('step4Field'), { autoFocus: !needsCurrent, invalid: Boolean(view.error) })}
      {newPinField('confirmation', 'user-pin-confirm', t('step4Confirm'), { autoFocus: false, invalid: false })}
      <p className="login-note">■{t('step4Login')}</p>
      <p>{t('step4After')}</p>
      <StepActions onCancel={() => void cancel()} disabled={sending} />
    </form>
  );
}
