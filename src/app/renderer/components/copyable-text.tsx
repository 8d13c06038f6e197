import { useT } from '../i18n/use-t.js';
import { useCopy } from './use-copy.js';

/**
 * A long identifier (a certificate serial) in a monospace line that never wraps
 * mid-number, with a copy button: the helpdesk asks for it character by character.
 */
export function CopyableText({ text, label }: { text: string; label: string }) {
  const t = useT();
  const { copied, copy } = useCopy(text);
  return (
    <span className="copyable">
      <code className="copyable-text">{text}</code>
      <button type="button" className="secondary copy-button" aria-label={`${label}: ${t('copy')}`} onClick={() => void copy()}>
        {t('copy')}
      </button>
      <span role="status" className="copied">
        {copied ? t('copied') : ''}
      </span>
    </span>
  );
}
