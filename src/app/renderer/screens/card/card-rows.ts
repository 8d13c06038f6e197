import type { CardDetailsView } from '../../../../api/index.js';
import type { StringKey } from '../../i18n/strings.js';

/** The certificate details e-bidding systems show, in their order and words (Aomori e-bidding manual §1.2–1.4, Ise e-bidding manual §1.4). */
export const CARD_ROWS: ReadonlyArray<{ key: StringKey; value(card: CardDetailsView): string; compare?: boolean }> = [
  { key: 'cardCompanyName', value: (card) => card.company ?? '—', compare: true },
  { key: 'cardCompanyAddress', value: (card) => card.companyAddress ?? '—', compare: true },
  { key: 'cardHolderName', value: (card) => card.holderName ?? '—', compare: true },
  { key: 'cardHolderAddress', value: (card) => card.holderAddress ?? '—', compare: true },
  { key: 'cardSerial', value: (card) => card.certificateSerial },
  { key: 'cardIssuer', value: (card) => card.issuerDn },
  { key: 'cardExpiry', value: (card) => card.expiry },
];
