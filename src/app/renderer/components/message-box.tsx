import type { UserMessage } from '../../../api/index.js';
import { useT } from '../i18n/use-t.js';
import { useUi } from '../store/ui-store.js';

/**
 * One catalogue message as the source manuals' tables show it: the message, its cause
 * (発生原因 / 内容) and the remedy (対応策 / 対策), with the code the helpdesk asks for.
 */
export function MessageBox({ message }: { message: UserMessage }) {
  const t = useT();
  const language = useUi((state) => state.language);
  const role = message.severity === 'error' ? 'alert' : 'status';
  return (
    <div role={role} className={`message message-${message.severity}`} data-code={message.code}>
      <p className="message-text">{message.text[language]}</p>
      <dl className="message-details">
        <dt>{t('cause')}</dt>
        <dd>{message.cause[language]}</dd>
        <dt>{t('remedy')}</dt>
        <dd>{message.remedy[language]}</dd>
      </dl>
      <p className="message-code">
        {t('code')}: {message.code}
        {message.rawCode ? ` (${message.rawCode})` : null}
      </p>
    </div>
  );
}
