import type { DiagnosisView } from '../../../../api/index.js';
import { Busy } from '../../components/busy.js';
import { MessageBox } from '../../components/message-box.js';
import { UserPinForm } from '../../components/user-pin-form.js';
import { useCall } from '../../components/use-call.js';
import { useT } from '../../i18n/use-t.js';
import { requireApi } from '../../store/connection-store.js';
import { useUi } from '../../store/ui-store.js';
import { CheckList } from './check-list.js';
import { ReportBox } from './report-box.js';

/** Flow C (CA manual §12, §14.3): one action checks everything and names the problem with its remedy. */
export function HelpdeskScreen() {
  const t = useT();
  const language = useUi((state) => state.language);
  const diagnosis = useCall<DiagnosisView>();
  const diagnose = (userPin: string | undefined) =>
    void diagnosis.run(() => requireApi().runDiagnosis(userPin ? { userPin } : {}));
  const result = diagnosis.value;
  return (
    <section className="screen" aria-labelledby="helpdesk-heading">
      <h2 id="helpdesk-heading">{t('helpdeskTitle')}</h2>
      <UserPinForm id="helpdesk-user-pin" lead={t('helpdeskLead')} buttonLabel={t('helpdeskRun')} running={diagnosis.running} onSubmit={diagnose} />
      {diagnosis.running ? <Busy text={t('working')} /> : null}
      {diagnosis.error ? <MessageBox message={diagnosis.error} /> : null}
      {result ? (
        <div className="result" data-result="diagnosis" data-verdict={result.verdict}>
          <h3>{t('helpdeskVerdict')}</h3>
          {result.verdict === 'healthy' ? <p className="ok-line">✔ {t('checkOk')}</p> : null}
          <MessageBox message={result.message} />
          {result.notices.map((notice) => (
            <MessageBox key={notice.code} message={notice} />
          ))}
          <h3>{t('helpdeskChecks')}</h3>
          <CheckList checks={result.checks} />
          <ReportBox report={result.report[language]} />
        </div>
      ) : null}
    </section>
  );
}
