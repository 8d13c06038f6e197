import { useT } from '../i18n/use-t.js';

/** The connection to TokenDesk was refused or lost (or a part of the page could not be fetched): the way out is a reload. */
export function ConnectionLost() {
  const t = useT();
  return (
    <div role="alert" className="message message-error">
      <p className="message-text">{t('disconnected')}</p>
      <button type="button" className="primary" onClick={() => location.reload()}>
        {t('reload')}
      </button>
    </div>
  );
}
