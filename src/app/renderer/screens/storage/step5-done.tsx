import type { FormEvent } from 'react';
import type { WizardView } from '../../../../api/index.js';
import { DONE_MESSAGE } from '../../../../core/storage/storage-steps.js';
import { useT } from '../../i18n/use-t.js';
import { useUi } from '../../store/ui-store.js';
import { useWizard } from '../../store/wizard-store.js';

/** STEP5 完了: 「eTokenに電子証明書を格納する処理が完了しました。」 and 完了 back to the start. */
export function Step5Done({ view }: { view: WizardView }) {
  const t = useT();
  const language = useUi((state) => state.language);
  const cancel = useWizard((state) => state.cancel);
  const sending = useWizard((state) => state.sending);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void cancel();
  };
  return (
    <form onSubmit={submit} aria-labelledby="step-heading" className="step-form">
      <p className="done-message" role="status">
        {DONE_MESSAGE[language]}
      </p>
      <dl className="facts">
        {view.target ? (
          <>
            <dt>{t('step2UserName')}</dt>
            <dd>{view.target.label}</dd>
          </>
        ) : null}
        {view.token ? (
          <>
            <dt>{t('step2Serial')}</dt>
            <dd>{view.token.serial}</dd>
          </>
        ) : null}
        {view.result ? (
          <>
            <dt>{t('certificateSerial')}</dt>
            <dd data-field="certificate-serial">{view.result.certificateSerialHex}</dd>
          </>
        ) : null}
      </dl>
      <div className="actions">
        <button type="submit" className="primary" disabled={sending}>
          {t('finish')}
        </button>
      </div>
    </form>
  );
}
