/**
 * The shape of one entry of the error catalogue (docs/errors.md): a stable code,
 * the words in Japanese and English, the cause and the remedy — the columns of the
 * source manuals' own tables (CA manual §12.1: エラーメッセージ / 内容と対策; Pension e-bidding manual §6.2: コード /
 * メッセージ / 発生原因 / 対応策).
 */

export type Severity = 'error' | 'warning' | 'info';

export interface Localized {
  ja: string;
  en: string;
}

export interface MessageEntry {
  /** Stable: the source manuals' numeric codes (`01006`) or TokenDesk's (`TD-TOKEN-LOCKED`). */
  code: string;
  severity: Severity;
  text: Localized;
  cause: Localized;
  remedy: Localized;
  /** Where the wording comes from: a source document's number and section, e.g. `000 §12.1 item 6` (000 = the CA manual; docs/architecture.md, "Source documents"). */
  seedRef?: string;
}

/** `[ja, en]` pairs keep each entry on a few readable lines. */
export type Pair = readonly [ja: string, en: string];

export function entry(code: string, severity: Severity, text: Pair, cause: Pair, remedy: Pair, seedRef?: string): MessageEntry {
  const made: MessageEntry = {
    code,
    severity,
    text: { ja: text[0], en: text[1] },
    cause: { ja: cause[0], en: cause[1] },
    remedy: { ja: remedy[0], en: remedy[1] },
  };
  if (seedRef !== undefined) made.seedRef = seedRef;
  return made;
}
