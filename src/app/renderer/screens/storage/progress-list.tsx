import type { WizardProgress } from '../../../../api/index.js';
import { PROGRESS_WORDS } from '../../../../core/storage/storage-steps.js';
import { useT } from '../../i18n/use-t.js';
import { useUi } from '../../store/ui-store.js';

const MARK: Readonly<Record<WizardProgress['phase'], string>> = { start: '…', end: '✔', failed: '✘' };
const CLASS: Readonly<Record<WizardProgress['phase'], string>> = { start: 'progress-running', end: 'progress-done', failed: 'progress-failed' };

/**
 * STEP4's sub-steps as the core reports them, each as its latest event says: done
 * ones ticked, the running one marked, one that failed crossed — a sub-step run again
 * later (the CA refused a resumed certificate, the usual path reports the new one)
 * shows its last run.
 */
export function ProgressList({ events }: { events: readonly WizardProgress[] }) {
  const t = useT();
  const language = useUi((state) => state.language);
  const latest = new Map<WizardProgress['progress'], WizardProgress['phase']>();
  for (const event of events) latest.set(event.progress, event.phase);
  if (latest.size === 0) return null;
  return (
    <ol className="progress-list" aria-label={t('progressLabel')}>
      {[...latest].map(([step, phase]) => (
        <li key={step} className={CLASS[phase]}>
          <span aria-hidden="true">{MARK[phase]} </span>
          {PROGRESS_WORDS[step][language]}
        </li>
      ))}
    </ol>
  );
}
