import type { StringKey } from '../i18n/strings.js';
import { useT } from '../i18n/use-t.js';

/** The states a holder's certificate or token can be in (docs/architecture.md Flow B; CA manual §11.1, §12). */
export type BadgeKind = 'valid' | 'renewSoon' | 'expired' | 'notYetValid' | 'revoked' | 'locked' | 'damaged' | 'unknown';

const WORDS: Record<BadgeKind, StringKey> = {
  valid: 'badgeValid',
  renewSoon: 'badgeRenewSoon',
  expired: 'badgeExpired',
  notYetValid: 'badgeNotYetValid',
  revoked: 'badgeRevoked',
  locked: 'badgeLocked',
  damaged: 'badgeDamaged',
  unknown: 'badgeUnknown',
};

/** Colour is never the only sign: each badge carries its word and an icon. */
const ICONS: Record<BadgeKind, string> = {
  valid: '✔',
  renewSoon: '⚠',
  expired: '✖',
  notYetValid: '⏳',
  revoked: '✖',
  locked: '🔒',
  damaged: '✖',
  unknown: '?',
};

export function StatusBadge({ kind }: { kind: BadgeKind }) {
  const t = useT();
  return (
    <span className={`badge badge-${kind}`} data-badge={kind}>
      <span aria-hidden="true">{ICONS[kind]} </span>
      {t(WORDS[kind])}
    </span>
  );
}
