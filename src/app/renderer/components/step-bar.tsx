import { STEP_TITLES, type StorageStep } from '../../../core/storage/storage-steps.js';
import { useT } from '../i18n/use-t.js';
import { useUi } from '../store/ui-store.js';

const STEPS: readonly StorageStep[] = [1, 2, 3, 4, 5];

/** STEP1 eToken認証 → … → STEP5 完了, as the original software's bar (CA manual §7.4); the titles are the core's. */
export function StepBar({ step }: { step: StorageStep }) {
  const t = useT();
  const language = useUi((state) => state.language);
  return (
    <nav aria-label={t('stepBarLabel')} className="step-bar">
      <ol>
        {STEPS.map((n) => {
          const state = n === step ? 'current' : n < step ? 'done' : 'todo';
          return (
            <li key={n} className={`step step-${state}`} aria-current={state === 'current' ? 'step' : undefined}>
              <span className="step-no">【{t('stepPrefix', { n })}】</span>
              <span className="step-title">{STEP_TITLES[n][language]}</span>
              {state === 'done' ? <span className="visually-hidden">（{t('stepDone')}）</span> : null}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
