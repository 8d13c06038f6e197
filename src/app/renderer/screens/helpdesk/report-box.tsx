import { useCopy } from '../../components/use-copy.js';
import { useT } from '../../i18n/use-t.js';

/**
 * The report a contractor mails to the CA (CA manual §14.3), never holding a PIN:
 * readable in place, copied to the clipboard, or saved as a text file.
 */
export function ReportBox({ report }: { report: string }) {
  const t = useT();
  const { copied, copy } = useCopy(report);
  const save = () => {
    const url = URL.createObjectURL(new Blob([report], { type: 'text/plain;charset=utf-8' }));
    const link = document.createElement('a');
    link.href = url;
    link.download = `tokendesk-report-${new Date().toISOString().slice(0, 10)}.txt`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  };
  return (
    <div className="report">
      <label htmlFor="diagnosis-report">{t('helpdeskReport')}</label>
      <p id="diagnosis-report-note" className="hint">
        {t('helpdeskReportNote')}
      </p>
      <textarea id="diagnosis-report" readOnly value={report} rows={Math.min(16, report.split('\n').length + 1)} aria-describedby="diagnosis-report-note" />
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void copy()}>
          {t('copy')}
        </button>
        <button type="button" className="secondary" onClick={save}>
          {t('save')}
        </button>
        <span role="status" className="copied">
          {copied ? t('copied') : ''}
        </span>
      </div>
    </div>
  );
}
