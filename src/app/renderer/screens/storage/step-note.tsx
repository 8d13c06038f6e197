import { useT } from '../../i18n/use-t.js';
import { Countdown } from '../../components/countdown.js';

/** <注意> このSTEPでの作業時間が5分を経過するとSTEP1に戻ります。 — with the time actually left. */
export function StepNote({ deadline, limitMs }: { deadline: number | undefined; limitMs: number | undefined }) {
  const t = useT();
  return (
    <div className="step-note">
      <p>
        {t('note')} {t('stepTimeNote')}
      </p>
      {deadline !== undefined && limitMs !== undefined ? <Countdown deadline={deadline} limitMs={limitMs} /> : null}
    </div>
  );
}
