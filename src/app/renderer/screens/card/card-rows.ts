import type { CardView } from '../../../../api/index.js';
import type { StringKey } from '../../i18n/strings.js';

/** The certificate details e-bidding systems show, in their order and words (seed 002 §1.2–1.4, 004 §1.4). */
export const CARD_ROWS: ReadonlyArray<{ key: StringKey; value(card: CardView): string; compare?: boolean }> = [
  { key: 'cardCompanyName', value: (card) => card.certificate.company ?? '—', compare: true },
  { key: 'cardCompanyAddress', value: (card) => card.certificate.companyAddress ?? '—', compare: true },
  { key: 'cardHolderName', value: (card) => card.certificate.holderName ?? '—', compare: true },
  { key: 'cardHolderAddress', value: (card) => card.certificate.holderAddress ?? '—', compare: true },
  { key: 'cardSerial', value: (card) => card.certificate.serial.display },
  { key: 'cardIssuer', value: (card) => card.certificate.issuerDn },
  { key: 'cardExpiry', value: (card) => card.certificate.notAfterDisplay },
];
