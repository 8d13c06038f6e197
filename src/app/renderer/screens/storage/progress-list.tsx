import type { WizardProgress } from '../../../../api/index.js';
import { PROGRESS_WORDS } from '../../../../core/storage/storage-steps.js';
import { useT } from '../../i18n/use-t.js';
import { useUi } from '../../store/ui-store.js';

/** STEP4's sub-steps as the core reports them: done ones ticked, the running one marked. */
export function ProgressList({ events }: { events: readonly WizardProgress[] }) {
  const t = useT();
  const language = useUi((state) => state.language);
  const order: WizardProgress['progress'][] = [];
  const ended = new Set<string>();
  for (const event of events) {
    if (!order.includes(event.progress)) order.push(event.progress);
    if (event.phase === 'end') ended.add(event.progress);
  }
  if (order.length === 0) return null;
  return (
    <ol className="progress-list" aria-label={t('progressLabel')}>
      {order.map((step) => (
        <li key={step} className={ended.has(step) ? 'progress-done' : 'progress-running'}>
          <span aria-hidden="true">{ended.has(step) ? '✔' : '…'} </span>
          {PROGRESS_WORDS[step][language]}
        </li>
      ))}
    </ol>
  );
}
