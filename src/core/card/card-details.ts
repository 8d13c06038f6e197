/**
 * IC-card certificate details as e-bidding systems show them (Ise e-bidding manual §1.4, Nagasaki card-update manual):
 * ICカード企業名称, ICカード取得者氏名 and 住所, 証明書シリアル番号 in decimal and
 * hex, 証明書発行者 as an RFC 4514 DN, 証明書有効期限 as YYYY/MM/DD.
 */
import type { Language, Localized } from '../messages/index.js';
import type { CertificateSummary } from '../x509/index.js';

export interface CardDetails {
  /** The token (card) serial the details were read from. */
  cardSerial: string;
  company?: string;
  companyAddress?: string;
  holderName?: string;
  holderAddress?: string;
  /** `683 (10進) / 2ab (16進)`. */
  certificateSerial: string;
  /** `OU=TEST CA,O=TEST CA,C=JP`. */
  issuerDn: string;
  /** `2028/02/29`. */
  expiry: string;
  notAfter: Date;
  notBefore: Date;
}

export function cardDetails(cardSerial: string, summary: CertificateSummary): CardDetails {
  const details: CardDetails = {
    cardSerial,
    certificateSerial: summary.serial.display,
    issuerDn: summary.issuerDn,
    expiry: summary.notAfterDisplay,
    notAfter: summary.notAfter,
    notBefore: summary.notBefore,
  };
  if (summary.company !== undefined) details.company = summary.company;
  if (summary.companyAddress !== undefined) details.companyAddress = summary.companyAddress;
  // On an IC card the CN is the holder's name as registered; no user ID precedes it.
  const holder = summary.subject.cn ?? summary.holderName;
  if (holder !== undefined) details.holderName = holder;
  if (summary.holderAddress !== undefined) details.holderAddress = summary.holderAddress;
  return details;
}

/** The rows in the e-bidding screens' order and words. */
export const CARD_FIELDS: ReadonlyArray<{ key: keyof CardDetails; label: Localized }> = [
  { key: 'company', label: { ja: 'ICカード企業名称', en: 'Company on the card' } },
  { key: 'companyAddress', label: { ja: 'ICカード企業住所', en: 'Company address on the card' } },
  { key: 'holderName', label: { ja: 'ICカード取得者氏名', en: 'Card holder' } },
  { key: 'holderAddress', label: { ja: 'ICカード取得者住所', en: 'Card holder address' } },
  { key: 'certificateSerial', label: { ja: '証明書シリアル番号', en: 'Certificate serial' } },
  { key: 'issuerDn', label: { ja: '証明書発行者', en: 'Certificate issuer' } },
  { key: 'expiry', label: { ja: '証明書有効期限', en: 'Certificate expiry' } },
];

export function cardValue(details: CardDetails, key: keyof CardDetails): string {
  const value = details[key];
  if (value === undefined) return '—';
  return value instanceof Date ? value.toISOString() : String(value);
}

/** `ICカード企業名称	: 株式会社…` lines, as the Ise e-bidding manual prints them. */
export function cardDetailsText(details: CardDetails, lang: Language = 'ja'): string {
  return `${CARD_FIELDS.map(({ key, label }) => `${label[lang]}\t: ${cardValue(details, key)}`).join('\n')}\n`;
}
