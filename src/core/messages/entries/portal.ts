import { entry, type MessageEntry } from '../message-entry.js';

/**
 * The device module's portal API (a CA's web page reading the token through
 * TokenDesk): consent, PIN prompts in TokenDesk, login challenges, the policy file.
 * The token's own failures keep their CA manual §12.1 entries (rows 2–8, 10).
 */
export const PORTAL_ENTRIES: readonly MessageEntry[] = [
  entry(
    'TD-PORTAL-NOT-ALLOWED',
    'error',
    ['このページにはまだトークンの利用が許可されていません。', 'This page is not yet allowed to use the token.'],
    ['TokenDesk で、このページ（{origin}）への許可がされていないか、許可が期限切れまたは取り消されています。', 'In TokenDesk, this page ({origin}) has not been allowed, or its permission expired or was revoked.'],
    ['ページの「TokenDesk に接続」から許可を求め、TokenDesk の画面で接続元と確認コードを確かめて許可してください。', 'Ask for access from the page, then check the origin and the pairing code in TokenDesk and allow it.'],
  ),
  entry(
    'TD-PORTAL-DENIED',
    'error',
    ['TokenDesk の利用者がこのページの接続を拒否しました。', 'The TokenDesk user denied this page access.'],
    ['TokenDesk の確認画面で「拒否」が選ばれました。', 'Deny was chosen in TokenDesk’s prompt.'],
    ['接続するつもりだった場合は、{seconds}秒後にもう一度お試しください。', 'If you meant to connect, try again in {seconds} seconds.'],
  ),
  entry(
    'TD-PORTAL-WAIT',
    'error',
    ['しばらく待ってからもう一度お試しください。', 'Wait a moment before asking again.'],
    ['このページの接続要求は直前に拒否されたか、確認待ちの要求が多すぎます。', 'This page’s request was denied a moment ago, or too many requests are waiting for an answer.'],
    ['{seconds}秒後にもう一度お試しください。', 'Try again in {seconds} seconds.'],
  ),
  entry(
    'TD-PORTAL-PROMPT-PENDING',
    'error',
    ['TokenDesk で確認待ちの操作があります。', 'An action is already waiting for the user in TokenDesk.'],
    ['このページからの前の要求に、まだ TokenDesk で応答していません。', 'An earlier request from this page has not been answered in TokenDesk yet.'],
    ['TokenDesk の画面で前の要求に応答してから、もう一度お試しください。', 'Answer the earlier request in TokenDesk, then try again.'],
  ),
  entry(
    'TD-PORTAL-BUSY',
    'error',
    ['このページからの要求が多すぎます。', 'This page sent too many requests at once.'],
    ['このページは、応答を待っている要求を同時に{limit}件まで送れます。それを超えた要求は受け付けていません。', 'A page may have up to {limit} requests waiting for an answer at once; this one was over that limit.'],
    ['前の要求の応答を待ってから、もう一度お試しください。', 'Wait for the earlier requests to be answered, then try again.'],
  ),
  entry(
    'TD-PORTAL-CANCELLED',
    'error',
    ['TokenDesk で操作が取り消されました。', 'The action was cancelled in TokenDesk.'],
    ['TokenDesk の確認画面で「キャンセル」が選ばれたか、応答がないまま時間が過ぎました。', 'Cancel was chosen in TokenDesk, or nobody answered in time.'],
    ['もう一度操作し、TokenDesk の画面でユーザーPINを入力してください。', 'Try again and enter the user PIN in TokenDesk’s window.'],
  ),
  entry(
    'TD-PORTAL-BAD-CHALLENGE',
    'error',
    ['ログイン用の確認データを受け付けられません。', 'The login challenge cannot be signed.'],
    ['{reason}', '{reason}'],
    ['ページを再読み込みしてログインし直してください。繰り返す場合は認証局へお問い合わせください。', 'Reload the page and log in again; if it happens again, contact the CA.'],
  ),
  entry(
    'TD-PORTAL-BAD-MESSAGE',
    'error',
    ['TokenDesk が要求を受け付けませんでした。', 'TokenDesk refused the request.'],
    ['ページから届いた要求の形式が正しくないか、プロトコルの版が違います（{detail}）。', 'The page’s request was not well formed or used another protocol version ({detail}).'],
    ['ページを再読み込みしてください。繰り返す場合は認証局へお問い合わせください。', 'Reload the page; if it happens again, contact the CA.'],
  ),
  entry(
    'TD-PORTAL-POLICY-INVALID',
    'error',
    ['接続元ポリシーファイルに誤りがあります。', 'The portal policy file has an error.'],
    ['{file} の「{entry}」は使えません: {reason}', '"{entry}" in {file} cannot be used: {reason}'],
    [
      'https:// で始まる接続元（例: https://portal.ca.example.jp）だけを、パスや末尾の / を付けずに1行ずつ記載してください。',
      'List https:// origins only (e.g. https://portal.ca.example.jp), exactly, without a path or a trailing slash.',
    ],
  ),
  entry(
    'TD-PORTAL-NOT-RUNNING',
    'error',
    ['デバイスモジュールが動いていません。', 'The device module is not running.'],
    ['この TokenDesk ではWebページ向けのデバイスモジュールが起動していません。', 'This TokenDesk does not run the device module for web pages.'],
    ['TokenDesk を起動し直してください。', 'Start TokenDesk again.'],
  ),
];
