/**
 * The diagnosis report: text a contractor pastes into a mail to the CA operator,
 * carrying what CA manual §14.3 asks a mail to contain, and JSON for tools. Both are
 * built only from the Diagnosis (which never holds a PIN) and the contact details
 * the user typed — there is no path by which a PIN could reach them.
 */
import { bytesWords, modelWords, periodWords } from './token-words.js';
import { formatJstDateTime } from '../x509/index.js';
import { inLanguage, type Language, type Localized } from '../messages/index.js';
import { CHECK_LABELS, RESULT_LABELS } from './checks.js';
import { pinStateWords } from './pin-state-words.js';
import type { Diagnosis } from './run-diagnosis.js';

/** What the mail needs that no token knows (CA manual §14.3 (1)–(7)); blanks are left for the contractor to fill in. */
export interface ContactDetails {
  applicationNo?: string;
  contractNo?: string;
  constructionName?: string;
  contractorName?: string;
  userName?: string;
  replyEmail?: string;
  office?: string;
}

const FILL_IN: Localized = { ja: '（ご記入ください）', en: '(please fill in)' };

const T = {
  title: { ja: 'TokenDesk 診断レポート（認証局運用管理者へのお問い合わせ用）', en: 'TokenDesk diagnosis report (for your mail to the CA operator)' },
  created: { ja: '作成日時', en: 'Created' },
  noPin: { ja: '※このレポートにPINは含まれていません。PINをメールに書かないでください。', en: 'This report contains no PIN. Never write a PIN in a mail.' },
  result: { ja: '■ 診断結果', en: '■ Result' },
  cause: { ja: '原因', en: 'Cause' },
  remedy: { ja: '対処', en: 'What to do' },
  notices: { ja: '■ ご注意', en: '■ Notices' },
  mail: { ja: '■ お問い合わせメールの記載事項', en: '■ Details for your mail' },
  applicationNo: { ja: '(1) 申請書番号', en: '(1) Application number' },
  constructionName: { ja: '(2) 工事名', en: '(2) Construction name' },
  contractorName: { ja: '(3) 受注者名', en: '(3) Contractor' },
  contractNo: { ja: '(4) 契約番号', en: '(4) Contract number' },
  userName: { ja: '(5) 利用者氏名', en: '(5) User name' },
  replyEmail: { ja: '(6) 回答を送る連絡先メールアドレス', en: '(6) E-mail address for the reply' },
  office: { ja: '(7) 監督員事務所名', en: '(7) Supervisor\'s office' },
  inquiry: { ja: '(8) 問合せ内容', en: '(8) Inquiry' },
  errorShown: { ja: '(9) 表示されたエラー', en: '(9) Error shown' },
  token: { ja: '■ USBトークン', en: '■ USB token' },
  serial: { ja: 'シリアルナンバー', en: 'Serial number' },
  model: { ja: '機種', en: 'Model' },
  pin: { ja: 'ユーザーPINの状態', en: 'User PIN state' },
  memory: { ja: '空きメモリ', en: 'Free memory' },
  product: { ja: '製品名', en: 'Product' },
  vendorModel: { ja: '型式', en: 'Model' },
  firmware: { ja: 'ファームウェア', en: 'Firmware' },
  productionDate: { ja: '製造日', en: 'Production date' },
  fips: { ja: 'FIPSモード', en: 'FIPS mode' },
  keyArea: { ja: 'RSA鍵領域', en: 'RSA key area' },
  yes: { ja: 'はい', en: 'yes' },
  no: { ja: 'いいえ', en: 'no' },
  unknown: { ja: '不明', en: 'unknown' },
  certificate: { ja: '■ 電子証明書', en: '■ Certificate' },
  holder: { ja: 'ユーザーID・氏名', en: 'User ID and name' },
  company: { ja: '会社名', en: 'Company' },
  certSerial: { ja: '証明書シリアル番号', en: 'Certificate serial' },
  validity: { ja: '有効期間', en: 'Validity' },
  issuer: { ja: '発行者', en: 'Issuer' },
  checks: { ja: '■ 確認した項目', en: '■ Checks' },
  withPin: { ja: 'ユーザーPINを使って確認しました（ログイン・秘密鍵の署名を含む）。', en: 'Checked with the user PIN (login and a signature by the private key included).' },
  withoutPin: {
    ja: 'ユーザーPINなしで確認しました。ユーザーPINを入力すると、ログインと秘密鍵・電子証明書の対応も確認できます。',
    en: 'Checked without the user PIN. With the user PIN, the login and the private key\'s match with the certificate are checked too.',
  },
  pinNotUsed: { ja: 'ユーザーPINは入力されましたが、ログインは行っていません（理由は下記）。', en: 'A user PIN was given but not used to log in (see below).' },
} satisfies Record<string, Localized>;

export function diagnosisText(diagnosis: Diagnosis, lang: Language = 'ja', contact: ContactDetails = {}): string {
  const sep = lang === 'ja' ? '：' : ': ';
  const line = (label: Localized, value: string | undefined) => `${label[lang]}${sep}${value ?? FILL_IN[lang]}`;
  const { message, token, certificate } = diagnosis;
  // (8) and (9) are what the contractor saw go wrong: a healthy verdict is no error
  // shown, so they stay for the contractor to fill in (the system's own error screen).
  const problem = diagnosis.verdict === 'healthy' ? undefined : message;
  const out: string[] = [T.title[lang], `${T.created[lang]}${sep}${formatJstDateTime(diagnosis.generatedAt)} (JST)`, T.noPin[lang], ''];

  out.push(T.result[lang], `[${message.code}] ${message.text[lang]}`, `${T.cause[lang]}${sep}${message.cause[lang]}`, `${T.remedy[lang]}${sep}${message.remedy[lang]}`, '');
  if (diagnosis.notices.length > 0) {
    out.push(T.notices[lang], ...diagnosis.notices.map((notice) => `・[${notice.code}] ${notice.text[lang]} ${notice.remedy[lang]}`), '');
  }

  out.push(
    T.mail[lang],
    line(T.applicationNo, contact.applicationNo),
    line(T.constructionName, contact.constructionName),
    line(T.contractorName, contact.contractorName ?? certificate?.company),
    line(T.contractNo, contact.contractNo),
    line(T.userName, contact.userName ?? certificate?.holderName),
    line(T.replyEmail, contact.replyEmail ?? certificate?.email),
    line(T.office, contact.office),
    line(T.inquiry, problem?.text[lang]),
    line(T.errorShown, problem ? `[${problem.code}] ${problem.text[lang]}` : undefined),
    '',
  );

  if (token) {
    out.push(
      T.token[lang],
      line(T.serial, token.serial),
      line(T.model, modelWords(token, lang)),
      line(T.pin, pinStateWords(token.pinState, { userLeft: token.userPinLeft, userMax: token.userPinMax })[lang]),
      line(T.memory, bytesWords(token.freeMemory, lang) ?? T.unknown[lang]),
      ...deviceLines(token.device, lang).map(([label, value]) => line(label, value)),
      '',
    );
  } else if (diagnosis.tokensSeen.length > 0) {
    out.push(T.token[lang], line(T.serial, diagnosis.tokensSeen.join(', ')), '');
  }
  if (certificate) {
    out.push(
      T.certificate[lang],
      line(T.holder, [certificate.userId, certificate.holderName].filter(Boolean).join(' ')),
      line(T.company, certificate.company ?? T.unknown[lang]),
      line(T.certSerial, certificate.serial),
      line(T.validity, periodWords(certificate.notBefore, certificate.notAfter, lang)),
      line(T.issuer, certificate.issuerDn),
      '',
    );
  }

  const login = diagnosis.checks.find((check) => check.id === 'userLogin');
  const pinNote = !diagnosis.withPin ? T.withoutPin : diagnosis.loggedIn ? T.withPin : login?.result === 'skipped' ? T.pinNotUsed : T.withPin;
  out.push(T.checks[lang], pinNote[lang]);
  diagnosis.checks.forEach((check, index) => {
    out.push(` ${String(index + 1).padStart(2)}. ${CHECK_LABELS[check.id][lang]}${sep}${RESULT_LABELS[check.result][lang]} — ${check.detail[lang]}`);
  });
  return `${out.join('\n')}\n`;
}

/** The vendor's own facts about the device; "unknown" where the token does not say (never guessed). */
export function deviceLines(device: NonNullable<Diagnosis['token']>['device'], lang: Language): Array<[Localized, string]> {
  const known = (value: string | undefined) => value ?? T.unknown[lang];
  return [
    [T.product, known(device.productName)],
    [T.vendorModel, known(device.model)],
    [T.firmware, known(device.firmwareRevision)],
    [T.productionDate, known(device.productionDate)],
    [T.fips, device.fips === undefined ? T.unknown[lang] : device.fips ? T.yes[lang] : T.no[lang]],
    [T.keyArea, bytesWords(device.rsaKeyArea, lang) ?? T.unknown[lang]],
  ];
}

/** The same facts for tools: stable keys and codes, ISO dates, and the words in the chosen language (both without one). */
export function diagnosisJson(diagnosis: Diagnosis, contact: ContactDetails = {}, lang?: Language): string {
  const facts = { ...diagnosis, generatedAt: diagnosis.generatedAt.toISOString(), contact };
  return `${JSON.stringify(lang ? inLanguage(facts, lang) : facts, null, 2)}\n`;
}
