import { useEffect, useRef } from 'react';
import type { WizardView } from '../../../../api/index.js';
import { STEP_TITLES } from '../../../../core/storage/storage-steps.js';
import { Busy } from '../../components/busy.js';
import { MessageBox } from '../../components/message-box.js';
import { PartBoundary } from '../../components/part-boundary.js';
import { StepBar } from '../../components/step-bar.js';
import { useT } from '../../i18n/use-t.js';
import { useUi } from '../../store/ui-store.js';
import { useWizard } from '../../store/wizard-store.js';
import { ProgressList, Step2ApplicationNumber, Step2User, Step3StoragePin, Step4UserPin, Step5Done, StepNote } from '../later-parts.js';
import { Step1Token } from './step1-token.js';

/**
 * Flow A: the five-step storage wizard. The core runs the steps and their clocks;
 * this screen shows the state it pushes and sends what the user types. It is the
 * first screen: STEP1 is drawn before the core has answered (a fresh window starts
 * there, connect-stores.ts), the later steps come in chunks of their own.
 */
export function StorageScreen() {
  const t = useT();
  const language = useUi((state) => state.language);
  const view = useWizard((state) => state.view);
  const progress = useWizard((state) => state.progress);
  const callError = useWizard((state) => state.callError);
  const heading = useRef<HTMLHeadingElement>(null);
  // Until the core answers, the step shown is STEP1, where a fresh window starts.
  const step = view?.step ?? 1;

  // A new step (including a timeout back to STEP1) moves focus to its heading, so a
  // screen reader announces where the user now is — unless a PIN field took focus.
  // The core's first answer confirming STEP1 is no new step: focus stays where it is.
  // Nor is the screen's first drawing (the page was just opened: the reader starts at
  // its top anyway); and focusing then would force a layout before the first paint.
  const shownStep = useRef<number | undefined>(undefined);
  useEffect(() => {
    const first = shownStep.current === undefined;
    shownStep.current = step;
    if (first) return;
    const active = document.activeElement;
    if (active instanceof HTMLInputElement) return;
    heading.current?.focus();
  }, [step]);

  const working = view?.status === 'working';
  return (
    <section className="screen storage" aria-labelledby="step-heading">
      <StepBar step={step} />
      <h2 id="step-heading" ref={heading} tabIndex={-1} className="step-heading">
        【{t('stepPrefix', { n: step })}】{STEP_TITLES[step][language]}
      </h2>
      {view?.clockWarning ? (
        <p className="warning-line" role="status">
          ⚠ {t('clockWarning', { minutes: Math.round(Math.abs(view.clockWarning.skewMs) / 60_000) })}
        </p>
      ) : null}
      {view?.error ? <MessageBox message={view.error} /> : null}
      {callError ? <MessageBox message={callError} /> : null}
      {working ? (
        <Busy text={t('working')}>
          <PartBoundary quiet>
            <ProgressList.Component events={progress} />
          </PartBoundary>
        </Busy>
      ) : (
        <StepBody view={view} />
      )}
      {view ? null : <Busy text={t('connecting')} />}
      {/* The manual's STEP1 has no time limit note: only STEP2–4 run on the step clock. */}
      {view?.status === 'input' && view.step > 1 && view.step < 5 ? (
        <PartBoundary quiet>
          <StepNote.Component deadline={view.deadline} limitMs={view.stepLimitMs} />
        </PartBoundary>
      ) : null}
    </section>
  );
}

function StepBody({ view }: { view: WizardView | undefined }) {
  if (!view || view.step === 1) return <Step1Token />;
  return <PartBoundary key={view.step}>{laterStep(view)}</PartBoundary>;
}

function laterStep(view: WizardView) {
  switch (view.step) {
    case 2:
      return view.applicationNoNeeded ? <Step2ApplicationNumber.Component view={view} /> : <Step2User.Component view={view} />;
    case 3:
      return <Step3StoragePin.Component view={view} />;
    case 4:
      return <Step4UserPin.Component view={view} />;
    case 5:
      return <Step5Done.Component view={view} />;
  }
}
