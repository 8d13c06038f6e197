import type { DiagnosisView } from '../../../../api/index.js';
import type { StringKey } from '../../i18n/strings.js';
import { useT } from '../../i18n/use-t.js';
import { useUi } from '../../store/ui-store.js';

type Outcome = DiagnosisView['checks'][number]['outcome'];

const OUTCOME_WORDS: Record<Outcome, StringKey> = { pass: 'checkOk', warn: 'checkWarning', fail: 'checkFailed', skipped: 'checkSkipped' };
const OUTCOME_ICONS: Record<Outcome, string> = { pass: '✔', warn: '⚠', fail: '✖', skipped: '–' };

/** Each check the diagnosis ran, its outcome in words (not only colour) and, when it found something, why. */
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
          <tr key={check.id} data-check={check.id} data-outcome={check.outcome}>
            <th scope="row">{check.title[language]}</th>
            <td className={`outcome outcome-${check.outcome}`}>
              <span aria-hidden="true">{OUTCOME_ICONS[check.outcome]} </span>
              {t(OUTCOME_WORDS[check.outcome])}
            </td>
            <td>{check.message ? `${check.message.text[language]} ${check.message.remedy[language]}` : ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
