import { useT } from '../i18n/use-t.js';

/** The user PIN is case-sensitive (CA manual §7.4 ⑦): say so the moment Caps Lock is seen on. */
export function CapsLockWarning({ id, on }: { id: string; on: boolean }) {
  const t = useT();
  return (
    <p id={id} role="status" className={on ? 'caps-warning' : 'visually-hidden'}>
      {on ? `⚠ ${t('capsLockOn')} ${t('step4Case')}` : ''}
    </p>
  );
}
