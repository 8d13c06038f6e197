import type { DeviceInfoView, VerdictView } from '../../../../api/index.js';
import type { BadgeKind } from '../../components/status-badge.js';

/** Verdicts that mean the token itself (or what it holds) is broken: CA manual §11.1 破損状況. */
const DAMAGE_VERDICTS: ReadonlySet<VerdictView> = new Set(['damaged', 'removed', 'certificateUnreadable', 'keyMismatch']);

export function isDamaged(view: DeviceInfoView): boolean {
  return DAMAGE_VERDICTS.has(view.diagnosis.verdict) || view.diagnosis.checks.some((check) => check.verdict !== undefined && DAMAGE_VERDICTS.has(check.verdict));
}

/**
 * The badges one device earns: the certificate's status (valid / renew soon /
 * expired / not yet valid / revoked), and the token's own troubles (locked,
 * damaged), which matter more and so come first. The facts and the diagnosis come
 * from the same run, so they cannot disagree.
 */
export function deviceBadges(view: DeviceInfoView): BadgeKind[] {
  const badges: BadgeKind[] = [];
  const { diagnosis } = view;
  if (isDamaged(view)) badges.push('damaged');
  if (diagnosis.verdict === 'locked' || diagnosis.token?.pinState === 'locked') badges.push('locked');
  // A verdict on the certificate only once the token has been read with the user PIN:
  // a ✔ 有効 above a wrong-PIN error would tell the user the opposite of what happened.
  // The CA's word on revocation outranks what the dates alone say.
  if (view.info) badges.push(diagnosis.status?.revocation === 'revoked' ? 'revoked' : view.info.status);
  return badges;
}
