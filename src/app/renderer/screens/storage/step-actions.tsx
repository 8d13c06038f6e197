import { useT } from '../../i18n/use-t.js';

/** The original screens' two buttons: 次へ(N) > submits the step's form, キャンセル returns to STEP1. */
export function StepActions({ onCancel, disabled, nextLabel }: { onCancel(): void; disabled: boolean; nextLabel?: string }) {
  const t = useT();
  return (
    <div className="actions">
      <button type="submit" className="primary" disabled={disabled} accessKey="n">
        {nextLabel ?? t('next')}
      </button>
      <button type="button" className="secondary" onClick={onCancel} disabled={disabled}>
        {t('cancel')}
      </button>
    </div>
  );
}
