import { entry, type MessageEntry } from '../message-entry.js';

/** The storage wizard's own messages (seed 000 §7.4): its end and its step timeout. */
export const STORAGE_FLOW_ENTRIES: readonly MessageEntry[] = [
  entry(
    'TD-STORE-DONE',
    'info',
    ['eTokenに電子証明書を格納する処理が完了しました。', 'The certificate has been stored on the eToken.'],
    ['電子証明書がUSBトークンの中に格納され、動作確認が済みました。', 'The certificate is on the token and was verified.'],
    ['ここで設定したユーザーPINは、電子証明書を利用するシステムのログインパスワードになります。忘れないようにしてください。', 'The user PIN you set is now the login password of every system that uses the certificate. Do not forget it.'],
    '000 §7.4 ⑧',
  ),
  entry(
    'TD-STEP-TIMEOUT',
    'warning',
    ['作業時間が5分を経過したため、STEP1に戻りました。', 'More than 5 minutes passed in this step, so the wizard went back to STEP1.'],
    ['各STEPでの作業時間が5分を経過するとSTEP1に戻ります。入力した内容は安全のため消去されました。', 'Each step returns to STEP1 after 5 minutes; what was typed was erased for safety.'],
    ['USBトークンを挿したまま、STEP1からやり直してください。', 'Keep the token plugged in and start again from STEP1.'],
    '000 §7.4 ⑤–⑦',
  ),
];
