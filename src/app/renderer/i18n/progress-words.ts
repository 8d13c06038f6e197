import type { Localized } from '../../../core/messages/index.js';
import type { StorageProgress } from '../../../core/storage/storage-steps.js';

/** What STEP4's work is doing, in the user's words (the core names the sub-steps). */
export const PROGRESS_WORDS: Record<StorageProgress, Localized> = {
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
