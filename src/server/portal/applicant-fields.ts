/**
 * The fields of 電子証明書発行申請内容入力 (CA manual §7.2) and 電子証明書更新申請確認
 * (§8.1 ⑦), checked on the server in the manual's words. Each problem names its row.
 */
import type { Localized } from '../../core/messages/message-entry.js';

export const ROLES: Record<string, Localized> = {
  現場代理人: { ja: '現場代理人', en: 'Site agent' },
  監理技術者: { ja: '監理技術者', en: 'Supervising engineer' },
  主任技術者: { ja: '主任技術者', en: 'Chief engineer' },
  その他: { ja: 'その他', en: 'Other' },
};

/** §4 prices, yen (tax included): new issuance includes the token; reissue and renewal are the certificate only. */
export const PRICES: Record<'new' | 'reissue' | 'renewal', Record<1 | 2 | 3, number>> = {
  new: { 1: 7150, 2: 7920, 3: 8580 },
  reissue: { 1: 2200, 2: 2860, 3: 3630 },
  renewal: { 1: 2200, 2: 2860, 3: 3630 },
};
/** 荷造・送料 for the tokens of new issuance. */
export const SHIPPING_YEN = 770;

export const MAX_APPLICANT_ROWS = 5;

export interface ApplicantFields {
  nameLocal: string;
  name: string;
  email: string;
  tokenSerial: string;
  role: string;
  years: string;
}

export interface CheckedApplicant {
  nameLocal: string;
  name: string;
  email: string;
  /** Upper-case 8 hex digits for a reissue; undefined for new issuance. */
  tokenSerial: string | undefined;
  role: string;
  years: 1 | 2 | 3;
}

const EMAIL = /^[^\s@]{1,64}@[A-Za-z0-9.-]{1,190}\.[A-Za-z]{2,}$/;
const ROMANISED = /^[A-Za-z][A-Za-z .'-]{0,62}[A-Za-z.]$/;

export function isBlankRow(row: ApplicantFields): boolean {
  return Object.values(row).every((v) => v.trim() === '' || v === '1');
}

export function checkEmail(email: string, label: string): Localized | undefined {
  return EMAIL.test(email) ? undefined : { ja: `${label}: メールアドレスの形式が正しくありません。`, en: `${label}: the e-mail address is not valid.` };
}

export function checkRole(role: string, label: string): Localized | undefined {
  return Object.hasOwn(ROLES, role) ? undefined : { ja: `${label}: 役職を選択してください。`, en: `${label}: choose a role.` };
}

export function checkYears(years: string, label: string): Localized | undefined {
  return ['1', '2', '3'].includes(years) ? undefined : { ja: `${label}: 有効年数は1年・2年・3年から選択してください。`, en: `${label}: the validity is 1, 2 or 3 years.` };
}

export function checkApplicant(row: ApplicantFields, index: number): { applicant?: CheckedApplicant; problems: Localized[] } {
  const label = `No.${index + 1}`;
  const problems: Localized[] = [];
  const nameLocal = row.nameLocal.trim();
  const name = row.name.trim().replace(/\s+/g, ' ');
  const email = row.email.trim();
  const tokenSerial = row.tokenSerial.trim().toUpperCase();
  if (nameLocal === '' || nameLocal.length > 40 || [...nameLocal].some((ch) => ch.charCodeAt(0) < 0x20)) {
    problems.push({ ja: `${label}: 氏名を入力してください（40文字まで）。`, en: `${label}: enter the name (up to 40 characters).` });
  }
  if (!ROMANISED.test(name)) {
    problems.push({ ja: `${label}: 氏名（ローマ字）は半角英字で入力してください（例: Souken Tarou）。`, en: `${label}: enter the romanised name in half-width letters (e.g. Souken Tarou).` });
  }
  const emailProblem = checkEmail(email, label);
  if (emailProblem) problems.push(emailProblem);
  if (tokenSerial !== '' && !/^[0-9A-F]{8}$/.test(tokenSerial)) {
    problems.push({
      ja: `${label}: USBトークンシリアルナンバーは8桁（半角英数字）です。新規発行の場合は空欄にしてください。`,
      en: `${label}: the token serial number is 8 characters (0-9, A-F); leave it empty for a new token.`,
    });
  }
  const roleProblem = checkRole(row.role, label);
  if (roleProblem) problems.push(roleProblem);
  const yearsProblem = checkYears(row.years, label);
  if (yearsProblem) problems.push(yearsProblem);
  if (problems.length > 0) return { problems };
  return { applicant: { nameLocal, name, email, tokenSerial: tokenSerial || undefined, role: row.role, years: Number(row.years) as 1 | 2 | 3 }, problems };
}
