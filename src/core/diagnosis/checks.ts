/** The checks of one diagnosis run, in the order they run (docs/architecture.md Flow C), and what each found. */
import type { Localized, UserMessage } from '../messages/index.js';
import type { Verdict } from './verdict.js';

export const CHECK_IDS = [
  'middleware',
  'tokenCount',
  'initialized',
  'pinState',
  'deviceAnswers',
  'certificate',
  'userLogin',
  'keyPair',
  'validity',
  'revocation',
  'clock',
] as const;

export type CheckId = (typeof CHECK_IDS)[number];

/** `skipped`: not run, and `detail` says why (no PIN given, an earlier check failed, no CA given). */
export type CheckResult = 'ok' | 'warning' | 'failed' | 'skipped';

export interface Check {
  id: CheckId;
  result: CheckResult;
  /** One short line of what was seen, in both languages. Never a PIN. */
  detail: Localized;
  /** What this check concluded, when it found a problem. */
  verdict?: Verdict;
  /** The catalogue's words for a failure or warning. */
  message?: UserMessage;
}

export const CHECK_LABELS: Readonly<Record<CheckId, Localized>> = {
  middleware: { ja: 'ミドルウェア（PKCS#11モジュール）', en: 'Middleware (PKCS#11 module)' },
  tokenCount: { ja: '装着されているUSBトークンの数', en: 'USB tokens connected' },
  initialized: { ja: 'USBトークンの初期化', en: 'Token initialized' },
  pinState: { ja: 'ユーザーPINの状態（ロック）', en: 'User PIN state (lock)' },
  deviceAnswers: { ja: 'USBトークンの応答（情報・乱数・データ一覧）', en: 'Token responds (info, random, object list)' },
  certificate: { ja: '電子証明書の格納', en: 'Certificate stored and readable' },
  userLogin: { ja: 'ユーザーPINでのログイン', en: 'Login with the user PIN' },
  keyPair: { ja: '秘密鍵と電子証明書の対応', en: 'Private key matches the certificate' },
  validity: { ja: '有効期間', en: 'Validity period' },
  revocation: { ja: '失効の有無（認証局のCRL）', en: 'Revocation (the CA\'s CRL)' },
  clock: { ja: 'PCの時計（認証局の時刻との差）', en: 'PC clock (against the CA\'s)' },
};

export const RESULT_LABELS: Readonly<Record<CheckResult, Localized>> = {
  ok: { ja: '正常', en: 'OK' },
  warning: { ja: '注意', en: 'Warning' },
  failed: { ja: '異常', en: 'Problem' },
  skipped: { ja: '未確認', en: 'Not checked' },
};
