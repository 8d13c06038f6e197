/**
 * The card-update check (Pension e-bidding manual §4, Nagasaki card-update manual, Ise e-bidding manual §1.6): the card in use beside the
 * new card. A card update is refused when the card in use has already expired — by
 * the server's clock where known (Nagasaki card-update manual) — since then a new registration is
 * needed; differing company names are a warning the user must look at.
 */
import { messageFor, type UserMessage } from '../messages/index.js';
import type { CardDetails } from './card-details.js';

export interface CardComparison {
  old: CardDetails;
  new: CardDetails;
  /** Set when the update cannot go ahead (old card expired, or the same card twice). */
  refusal?: UserMessage;
  warnings: UserMessage[];
  companyDiffers: boolean;
}

export function compareCards(old: CardDetails, next: CardDetails, now: Date): CardComparison {
  const comparison: CardComparison = { old, new: next, warnings: [], companyDiffers: false };
  if (old.cardSerial === next.cardSerial && old.certificateSerial === next.certificateSerial) {
    comparison.refusal = messageFor('TD-CARD-SAME-CARD');
    return comparison;
  }
  if (now.getTime() > old.notAfter.getTime()) comparison.refusal = messageFor('TD-CARD-EXPIRED-NEW-REGISTRATION');
  const company = (details: CardDetails) => (details.company ?? '').normalize('NFKC').trim();
  if (company(old) !== company(next)) {
    comparison.companyDiffers = true;
    comparison.warnings.push(messageFor('TD-CARD-COMPANY-DIFFERS', { oldCompany: old.company ?? '—', newCompany: next.company ?? '—' }));
  }
  if (now.getTime() > next.notAfter.getTime()) comparison.warnings.push(messageFor('30007'));
  else if (now.getTime() < next.notBefore.getTime()) comparison.warnings.push(messageFor('30008'));
  return comparison;
}
