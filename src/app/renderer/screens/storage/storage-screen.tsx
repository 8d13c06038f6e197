import { useEffect, useRef } from 'react';
import type { WizardView } from '../../../../api/index.js';
import { STEP_TITLES } from '../../../../core/storage/storage-steps.js';
import { Busy } from '../../components/busy.js';
import { MessageBox } from '../../components/message-box.js';
import { StepBar } from '../../components/step-bar.js';
import { useT } from '../../i18n/use-t.js';
import { useUi } from '../../store/ui-store.js';
import { useWizard } from '../../store/wizard-store.js';
import { ProgressList } from './progress-list.js';
import { Step1Token } from './step1-token.js';
import { Step2ApplicationNumber } from './step2-application-number.js';
import { Step2User } from './step2-user.js';
import { Step3StoragePin } from './step3-storage-pin.js';
import { Step4UserPin } from './step4-user-pin.js';
import { Step5Done } from './step5-done.js';
import { StepNote } from './step-note.js';

/**
 * Flow A: the five-step storage wizard. The core runs the steps and their clocks;
 * this screen shows the state it pushes and sends what the user types.
 */
export function StorageScreen() {
  const t = useT();
  const language = useUi((state) => state.language);
  const view = useWizard((state) => state.view);
  const progress = useWizard((state) => state.progress);
  const callError = useWizard((state) => state.callError);
  const heading = useRef<HTMLHeadingElement>(null);
  const step = view?.step;

  // A new step (including a timeout back to STEP1) moves focus to its heading, so a
  // screen reader announces where the user now is — unless a PIN field took focus.
  useEffect(() => {
    if (step === undefined) return;
    const active = document.activeElement;
    if (active instanceof HTMLInputElement) return;
    heading.current?.focus();
  }, [step]);

  if (!view) return <Busy text={t('connecting')} />;
  const working = view.status === 'working';
  return (
    <section className="screen storage" aria-labelledby="step-heading">
      <StepBar step={view.step} />
      <h2 id="step-heading" ref={heading} tabIndex={-1} className="step-heading">
        【{t('stepPrefix', { n: view.step })}】{STEP_TITLES[view.step][language]}
      </h2>
      {view.clockWarning ? (
        <p className="warning-line" role="status">
          ⚠ {t('clockWarning', { minutes: Math.round(Math.abs(view.clockWarning.skewMs) / 60_000) })}
        </p>
      ) : null}
      {view.error ? <MessageBox message={view.error} /> : null}
      {callError ? <MessageBox message={callError} /> : null}
      {working ? (
        <Busy text={t('working')}>
          <ProgressList events={progress} />
        </Busy>
      ) : (
        <StepBody view={view} />
      )}
      {/* The manual's STEP1 has no time limit note: only STEP2–4 run on the step clock. */}
      {view.status === 'input' && view.step > 1 && view.step < 5 ? <StepNote deadline={view.deadline} limitMs={view.stepLimitMs} /> : null}
    </section>
  );
}

function StepBody({ view }: { view: WizardView }) {
  switch (view.step) {
    case 1:
      return <Step1Token />;
    case 2:
      return view.applicationNoNeeded ? <Step2ApplicationNumber view={view} /> : <Step2User view={view} />;
    case 3:
      return <Step3StoragePin view={view} />;
    case 4:
      return <Step4UserPin view={view} />;
    case 5:
      return <Step5Done view={view} />;
  }
}
