import type { CheckResultView, DiagnosisView } from '../../../../api/index.js';
import type { StringKey } from '../../i18n/strings.js';
import { useT } from '../../i18n/use-t.js';
import { useUi } from '../../store/ui-store.js';

/** The page's own words for a check's result (data-outcome, CSS classes), kept short for selectors. */
const OUTCOMES: Record<CheckResultView, 'pass' | 'warn' | 'fail' | 'skipped'> = { ok: 'pass', warning: 'warn', failed: 'fail', skipped: 'skipped' };
const RESULT_WORDS: Record<CheckResultView, StringKey> = { ok: 'checkOk', warning: 'checkWarning', failed: 'checkFailed', skipped: 'checkSkipped' };
const RESULT_ICONS: Record<CheckResultView, string> = { ok: '✔', warning: '⚠', failed: '✖', skipped: '–' };

/** Each check the diagnosis ran, its result in words (not only colour), what it saw and, when it found something, the remedy. */
export function CheckList({ checks }: { checks: DiagnosisView['checks'] }) {
  const t = useT();
  const language = useUi((state) => state.language);
  return (
    <table className="checks">
      <thead>
        <tr>
          <th scope="col">{t('helpdeskChecks')}</th>
          <th scope="col">{t('status')}</th>
          <th scope="col">{t('remedy')}</th>
        </tr>
      </thead>
      <tbody>
        {checks.map((check) => (
          <tr key={check.id} data-check={check.id} data-outcome={OUTCOMES[check.result]}>
            <th scope="row">{check.label[language]}</th>
            <td className={`outcome outcome-${OUTCOMES[check.result]}`}>
              <span aria-hidden="true">{RESULT_ICONS[check.result]} </span>
              {t(RESULT_WORDS[check.result])}
              <span className="check-detail">{check.detail[language]}</span>
            </td>
            {/* Nothing to do for a check that found nothing: a dash, not an empty cell that looks unfinished. */}
            <td data-field="remedy">{check.message ? `${check.message.text[language]} ${check.message.remedy[language]}` : '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
