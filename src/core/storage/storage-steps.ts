import type { Localized } from '../messages/message-entry.js';

/** The five steps of storing a certificate (CA manual §7.4), with the step bar's words. */
export type StorageStep = 1 | 2 | 3 | 4 | 5;

export const STEP_TITLES: Readonly<Record<StorageStep, Localized>> = {
  1: { ja: 'eToken認証', en: 'Token' },
  2: { ja: 'ユーザー確認', en: 'Confirm user' },
  3: { ja: '電子証明書格納用PIN入力', en: 'Storage PIN' },
  4: { ja: 'ユーザーPIN設定', en: 'User PIN' },
  5: { ja: '完了', en: 'Done' },
};

export const DONE_MESSAGE = {
  ja: 'eTokenに電子証明書を格納する処理が完了しました。',
  en: 'The certificate has been stored on the eToken.',
} as const;

/** What STEP4's work reports as it goes (the UI shows it; the benchmark times it). */
export type StorageProgress =
  | 'userPin'
  | 'caCertificates'
  | 'keyReused'
  | 'keyGeneration'
  | 'certificateRequest'
  | 'enrollment'
  | 'awaitingApproval'
  | 'certificateWrite'
  | 'verification'
  | 'oldObjectsRemoved'
  | 'reportStored';

/**
 * Every 'start' is closed by its 'end' or, when that sub-step did not do its work (an
 * error, or an answer that sends the run another way), by 'failed': a list never
 * shows a sub-step running that no longer is.
 */
export type ProgressPhase = 'start' | 'end' | 'failed';

export interface ProgressEvent {
  progress: StorageProgress;
  /** Each sub-step's start and its close, with the PC time, for the UI and the benchmark's breakdown. */
  phase: ProgressPhase;
  at: number;
}

/** What STEP4's work is doing, in the user's words: the screens' progress list and the CLI's lines. */
export const PROGRESS_WORDS: Readonly<Record<StorageProgress, { ja: string; en: string }>> = {
  userPin: { ja: 'ユーザーPINを設定しています', en: 'Setting the user PIN' },
  caCertificates: { ja: '認証局の証明書を確認しています', en: 'Checking the CA certificates' },
  keyReused: { ja: '以前に作成した鍵を使います', en: 'Reusing the key made earlier' },
  keyGeneration: { ja: 'トークン内で鍵を生成しています', en: 'Generating the key on the token' },
  certificateRequest: { ja: '証明書の発行要求を作成しています', en: 'Making the certificate request' },
  enrollment: { ja: '認証局に証明書を発行してもらっています', en: 'Asking the CA for the certificate' },
  awaitingApproval: { ja: '認証局の承認を待っています', en: 'Waiting for the CA’s approval' },
  certificateWrite: { ja: '証明書をトークンに書き込んでいます', en: 'Writing the certificate to the token' },
  verification: { ja: '書き込んだ証明書を確認しています', en: 'Verifying the stored certificate' },
  oldObjectsRemoved: { ja: '古い証明書と鍵を削除しています', en: 'Removing the old certificate and key' },
  reportStored: { ja: '格納完了を認証局に報告しています', en: 'Telling the CA the certificate is stored' },
};

/** STEP2's 申請の種類 in words (CA manual §7.4 ⑤). */
export const ISSUANCE_KIND_WORDS: Readonly<Record<'new' | 'renewal' | 'reissue', { ja: string; en: string }>> = {
  new: { ja: '新規発行', en: 'New issuance' },
  renewal: { ja: '更新', en: 'Renewal' },
  reissue: { ja: '再発行', en: 'Reissue' },
};
