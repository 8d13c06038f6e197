import { useT } from '../i18n/use-t.js';
import { useNow } from './use-now.js';

/**
 * The time left in this step before the wizard returns to STEP1 (CA manual §7.4:
 * 「このSTEPでの作業時間が5分を経過するとSTEP1に戻ります」). The core owns the
 * clock and does the return; this only shows its deadline, clamped to the step's
 * limit (both from the wizard's state) so a PC clock change cannot show nonsense.
 */
export function Countdown({ deadline, limitMs }: { deadline: number; limitMs: number }) {
  const t = useT();
  const now = useNow();
  const left = Math.min(limitMs, Math.max(0, deadline - now));
  const totalSeconds = Math.ceil(left / 1000);
  const m = Math.floor(totalSeconds / 60);
  const s = totalSeconds % 60;
  const shown = `${m}:${String(s).padStart(2, '0')}`;
  return (
    <p className={`countdown${left < 60_000 ? ' countdown-low' : ''}`}>
      <span id="countdown-label">{t('timeLeft')}</span>{' '}
      {/* role=timer is not live: a screen reader reads it when asked, not every second. */}
      <span role="timer" aria-labelledby="countdown-label" className="countdown-value">
        <span aria-hidden="true">{shown}</span>
        <span className="visually-hidden">{t('timeLeftSpoken', { m, s })}</span>
      </span>
    </p>
  );
}
