import type { DeviceInfoView } from '../../../../api/index.js';
import type { BadgeKind } from '../../components/status-badge.js';

/**
 * The badges one device earns: the certificate's status (valid / renew soon /
 * expired / not yet valid / revoked), and the token's own troubles (locked,
 * damaged), which matter more and so come first.
 */
export function deviceBadges(view: DeviceInfoView): BadgeKind[] {
  const badges: BadgeKind[] = [];
  if (view.damage === 'damaged' || view.certificateState === 'unreadable') badges.push('damaged');
  if (view.token.pinState === 'locked') badges.push('locked');
  // The CA's word on revocation outranks what the dates alone say.
  const status = view.revocation === 'revoked' ? 'revoked' : view.status;
  if (status) badges.push(status);
  return badges;
}
