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

export interface ProgressEvent {
  progress: StorageProgress;
  /** 'start' and 'end' of each sub-step, with the PC time, for the UI and the benchmark's breakdown. */
  phase: 'start' | 'end';
  at: number;
}
