import { useT } from '../../i18n/use-t.js';

/** The original screens' two buttons: 次へ(N) > submits the step's form (held back while a field is refused), キャンセル returns to STEP1. */
export function StepActions({ onCancel, disabled, nextLabel, nextDisabled }: { onCancel(): void; disabled: boolean; nextLabel?: string; nextDisabled?: boolean }) {
  const t = useT();
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={disabled || nextDisabled === true} accessKey="n">
        {nextLabel ?? t('next')}
      </button>
      <button type="button" className="secondary" onClick={onCancel} disabled={disabled}>
        {t('cancel')}
      </button>
    </div>
  );
}
