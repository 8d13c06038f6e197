import type { FormEvent } from 'react';
import type { WizardView } from '../../../../api/index.js';
import { ISSUANCE_KIND_WORDS } from '../../../../core/storage/storage-steps.js';
import { useT } from '../../i18n/use-t.js';
import { useUi } from '../../store/ui-store.js';
import { useWizard } from '../../store/wizard-store.js';
import { StepActions } from './step-actions.js';

/** STEP2 ユーザー確認: the user ID + romanised name and the token serial, as the CA knows them. */
export function Step2User({ view }: { view: WizardView }) {
  const t = useT();
  const language = useUi((state) => state.language);
  const confirmUser = useWizard((state) => state.confirmUser);
  const cancel = useWizard((state) => state.cancel);
  const sending = useWizard((state) => state.sending);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void confirmUser();
  };
  const target = view.target;
  return (
    <form onSubmit={submit} aria-labelledby="step-heading" className="step-form">
      <p className="lead">{t('step2Lead')}</p>
      <dl className="facts">
        <dt>{t('step2UserName')}</dt>
        <dd data-field="user-name">{target?.label ?? '—'}</dd>
        <dt>{t('step2Serial')}</dt>
        <dd data-field="token-serial">{view.token?.serial ?? '—'}</dd>
        {target?.applicationNo ? (
          <>
            <dt>{t('step2Application')}</dt>
            <dd>{target.applicationNo}</dd>
          </>
        ) : null}
        {target?.kind ? (
          <>
            <dt>{t('step2Kind')}</dt>
            <dd>{ISSUANCE_KIND_WORDS[target.kind][language]}</dd>
          </>
        ) : null}
      </dl>
      <p>{t('step2Ok')}</p>
      <p>{t('step2Wrong')}</p>
      <StepActions onCancel={() => void cancel()} disabled={sending} />
    </form>
  );
}
