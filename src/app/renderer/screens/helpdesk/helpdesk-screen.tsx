import { useState } from 'react';
import type { DiagnosisView, UnlockedView } from '../../../../api/index.js';
import { Busy } from '../../components/busy.js';
import { diagnosisAwaitsFinalTry, refusedOnSoFinalTry } from '../../components/final-try.js';
import { useFinalTryQuestion } from '../../components/final-try-question.js';
import { MessageBox } from '../../components/message-box.js';
import { UserPinForm } from '../../components/user-pin-form.js';
import { useCall } from '../../components/use-call.js';
import { useT } from '../../i18n/use-t.js';
import { requireApi } from '../../store/connection-store.js';
import { useUi } from '../../store/ui-store.js';
import { CheckList } from './check-list.js';
import { ReportBox } from './report-box.js';
import { UnlockForm, type UnlockInput } from './unlock-form.js';

/**
 * Flow C (CA manual §12, §14.3): one action checks everything and names the problem with
 * its remedy. A locked token is offered ロック解除 through the CA (Flow F); a PIN on its
 * final try — the user PIN here, or the token's SO PIN the unlock logs in with — is used
 * only after the user confirms.
 */
export function HelpdeskScreen() {
  const t = useT();
  const language = useUi((state) => state.language);
  const diagnosis = useCall<DiagnosisView>();
  const finalTry = useFinalTryQuestion<string>('token');
  const unlocking = useCall<UnlockedView>();
  const [unlockOpen, setUnlockOpen] = useState(false);
  const diagnose = (userPin: string | undefined, confirmFinalTry = false) => {
    unlocking.reset();
    setUnlockOpen(false);
    void diagnosis.run(async () => {
      const reply = await requireApi().runDiagnosis(userPin ? { userPin, ...(confirmFinalTry ? { confirmFinalTry: true } : {}) } : {});
      finalTry.keep(reply.ok && userPin && !confirmFinalTry && diagnosisAwaitsFinalTry(reply.value) ? userPin : undefined);
      return reply;
    });
  };
  // The code and PINs sent, kept only while the SO PIN's final-try question is open.
  const unlockFinalTry = useFinalTryQuestion<UnlockInput>('adminPin');
  const unlock = (input: UnlockInput, confirmFinalTry = false) => {
    const serial = diagnosis.value?.token?.serial;
    void unlocking.run(async () => {
      const reply = await requireApi().unlockToken({ ...input, ...(serial ? { serial } : {}), ...(confirmFinalTry ? { confirmFinalTry: true } : {}) });
      // Refused on the SO PIN's final try: nothing was spent, the code is still usable; ask.
      unlockFinalTry.keep(!reply.ok && !confirmFinalTry && refusedOnSoFinalTry(reply.error) ? input : undefined);
      return reply;
    });
  };
  // After an unlock, the diagnosis run again with the new PIN replaces the "locked" one.
  const result = unlocking.value?.diagnosis ?? diagnosis.value;
  return (
    <section className="screen" aria-labelledby="helpdesk-heading">
      <h2 id="helpdesk-heading">{t('helpdeskTitle')}</h2>
      <UserPinForm id="helpdesk-user-pin" lead={t('helpdeskLead')} buttonLabel={t('helpdeskRun')} running={diagnosis.running} onSubmit={diagnose} />
      {finalTry.question((pin) => diagnose(pin, true))}
      {diagnosis.running || unlocking.running ? <Busy text={t('working')} /> : null}
      {diagnosis.error ? <MessageBox message={diagnosis.error} /> : null}
      {unlocking.value ? (
        <p className="ok-line" role="status" data-status="unlocked">
          ✔ {t('unlockDone')}
        </p>
      ) : null}
      {result ? (
        <div className="result" data-result="diagnosis" data-verdict={result.verdict}>
          <h3>{t('helpdeskVerdict')}</h3>
          {result.verdict === 'healthy' ? <p className="ok-line">✔ {t('checkOk')}</p> : null}
          <MessageBox message={result.message} />
          {result.notices.map((notice) => (
            <MessageBox key={notice.code} message={notice} />
          ))}
          {result.verdict === 'locked' && !unlockOpen ? (
            <div className="actions">
              <button type="button" className="primary" onClick={() => setUnlockOpen(true)}>
                {t('unlockOffer')}
              </button>
            </div>
          ) : null}
          {result.verdict === 'locked' && unlockOpen ? (
            <>
              <UnlockForm running={unlocking.running} onSubmit={(input) => unlock(input)} />
              {unlockFinalTry.question(
                (input) => unlock(input, true),
                () => unlocking.reset(),
                unlocking.error,
              )}
              {unlocking.error && !unlockFinalTry.kept ? <MessageBox message={unlocking.error} /> : null}
            </>
          ) : null}
          <h3>{t('helpdeskChecks')}</h3>
          <CheckList checks={result.checks} />
          <ReportBox report={result.report[language]} />
        </div>
      ) : null}
    </section>
  );
}
