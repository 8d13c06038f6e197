/**
 * Every refusal the CA gives has a stable code, words in Japanese and English, and a
 * remedy, so a contractor (or the helpdesk reading the client's report) knows what to
 * do next. HTTP routes turn it into an EST status or the JSON error body; the operator
 * CLI prints it. It never carries a secret: messages are fixed text plus identifiers.
 */
import { CodedError } from '../core/messages/coded-error.js';
import type { Localized } from '../core/messages/message-entry.js';

export interface ServerErrorBody {
  error: { code: string; message: Localized; remedy: Localized; attemptsLeft?: number; locked?: boolean };
}

export interface ServerErrorOptions {
  /** The CA protocol's code, sent as `error.code` (camelCase, docs/ca-protocol.md). */
  code: string;
  status: number;
  text: Localized;
  remedy: Localized;
  /** Extra fields for the JSON body (attempts left, lock state). Never secrets. */
  details?: { attemptsLeft?: number; locked?: boolean } | undefined;
  /** Extra response headers, e.g. Retry-After. */
  headers?: Record<string, string> | undefined;
}

type ServerErrorDetails = Required<Omit<ServerErrorOptions, 'code'>>;

export class ServerError extends CodedError<string, ServerErrorDetails> {
  override readonly name = 'ServerError';
  declare readonly status: number;
  declare readonly text: Localized;
  declare readonly remedy: Localized;
  declare readonly details: { attemptsLeft?: number; locked?: boolean };
  declare readonly headers: Record<string, string>;

  constructor({ code, status, text, remedy, details = {}, headers = {} }: ServerErrorOptions) {
    super({ code, message: text.en, status, text, remedy, details, headers });
  }

  /** The CA's refusals are their own catalogue (below): the protocol code is the one a client and an operator see. */
  get catalogueCode(): string {
    return this.code;
  }

  toBody(): ServerErrorBody {
    return { error: { code: this.code, message: this.text, remedy: this.remedy, ...this.details } };
  }

  /** One line per language for text/plain answers (EST) and the CLI. */
  toText(): string {
    return `${this.code}: ${this.text.en} ${this.remedy.en}\n${this.code}: ${this.text.ja} ${this.remedy.ja}\n`;
  }
}

const contactCa: Localized = {
  ja: '認証局運用管理者へお問い合わせください。',
  en: 'Contact the CA operator.',
};

/** The catalogue of the CA's refusals. One function per code keeps call sites short. */
export const serverErrors = {
  badRequest: (what: Localized) =>
    new ServerError({ code: 'badRequest', status: 400, text: what, remedy: { ja: '入力を確認して再度実行してください。', en: 'Check the input and try again.' } }),
  authRequired: () =>
    new ServerError({
      code: 'authRequired',
      status: 401,
      text: { ja: '申請書番号と電子証明書格納用PINが必要です。', en: 'The application number and storage PIN are required.' },
      remedy: { ja: 'メールに記載の申請書番号と10桁の電子証明書格納用PINを入力してください。', en: 'Enter the application number and the 10-digit storage PIN from the CA’s mail.' },
    }),
  pinFormat: () =>
    new ServerError({
      code: 'storagePinFormat',
      status: 400,
      text: { ja: '電子証明書格納用PINは半角数字10桁です。', en: 'The storage PIN is 10 half-width digits.' },
      remedy: { ja: 'メールに記載の10桁の数字を半角で入力してください。', en: 'Type the 10 digits from the CA’s mail as half-width digits.' },
    }),
  pinIncorrect: (attemptsLeft: number) =>
    new ServerError({
      code: 'storagePinIncorrect',
      status: 401,
      text: { ja: `電子証明書格納用PINが正しくありません（残り${attemptsLeft}回）。`, en: `The storage PIN is incorrect (${attemptsLeft} attempts left).` },
      remedy: { ja: 'メールに記載の10桁の数字を確認して入力し直してください。', en: 'Check the 10 digits in the CA’s mail and enter them again.' },
      details: { attemptsLeft, locked: false },
    }),
  /** `lockMinutes` 0: locked until the operator issues a new PIN. */
  pinLocked: (lockMinutes = 0) =>
    new ServerError({
      code: 'storagePinLocked',
      status: 423,
      text: { ja: '電子証明書格納用PINの入力誤りが上限に達したため、ロックされました。', en: 'The storage PIN is locked: too many wrong attempts.' },
      remedy: lockMinutes > 0
        ? {
            ja: `${lockMinutes}分以上待ってから入力し直すか、認証局運用管理者へ連絡し、新しい電子証明書格納用PINの発行を依頼してください。`,
            en: `Wait ${lockMinutes} minutes before trying again, or contact the CA operator and ask for a new storage PIN.`,
          }
        : { ja: '認証局運用管理者へ連絡し、新しい電子証明書格納用PINの発行を依頼してください。', en: 'Contact the CA operator and ask for a new storage PIN.' },
      details: { attemptsLeft: 0, locked: true },
      headers: lockMinutes > 0 ? { 'Retry-After': String(lockMinutes * 60) } : {},
    }),
  /** verify-pin without `TokenDesk-Final-Try: confirmed` when only one try is left: nothing was checked or counted. */
  pinFinalTry: () =>
    new ServerError({
      code: 'storagePinFinalTry',
      status: 409,
      text: {
        ja: '電子証明書格納用PINの残り入力回数は1回です。次に誤ったPINを入力すると、この申請はロックされます。',
        en: 'One attempt at the storage PIN is left: the next wrong PIN locks this application.',
      },
      remedy: {
        ja: 'PINは確認していません（回数は減っていません）。メールに記載の10桁の数字を確かめ、最後の1回を使うことを確認してから再度送信してください。',
        en: 'The PIN was not checked (no attempt was used). Check the 10 digits in the CA’s mail and send it again confirming that the final attempt may be used.',
      },
      details: { attemptsLeft: 1, locked: false },
    }),
  pinChecksBusy: () =>
    new ServerError({
      code: 'storagePinBusy',
      status: 429,
      text: { ja: 'この申請書番号の電子証明書格納用PINを確認中です。', en: 'Other tries of this application’s storage PIN are being checked right now.' },
      remedy: { ja: '数秒待ってから再度実行してください。', en: 'Wait a few seconds and try again.' },
      details: {},
      headers: { 'Retry-After': '1' },
    }),
  pinReplaced: () =>
    new ServerError({
      code: 'storagePinReplaced',
      status: 401,
      text: {
        ja: 'この申請の電子証明書格納用PINは、認証局で新しいPINに置き換えられました。',
        en: 'The CA replaced this application’s storage PIN with a new one.',
      },
      remedy: {
        ja: '認証局からの最新のメールに記載された電子証明書格納用PINで、もう一度実行してください。',
        en: 'Try again with the storage PIN in the CA’s latest mail.',
      },
    }),
  pinSpent: () =>
    new ServerError({
      code: 'storagePinSpent',
      status: 403,
      text: { ja: 'この電子証明書格納用PINは使用済みです（電子証明書は格納済み）。', en: 'This storage PIN has been used: the certificate is already stored.' },
      remedy: contactCa,
    }),
  applicationNotFound: (no: string) =>
    new ServerError({
      code: 'applicationNotFound',
      status: 404,
      text: { ja: `申請書番号 ${no} は見つかりません。`, en: `Application number ${no} was not found.` },
      remedy: { ja: 'メールに記載の申請書番号を確認してください。', en: 'Check the application number in the CA’s mail.' },
    }),
  /**
   * The pending lookup's one refusal, alike for an unknown token, a token whose
   * possession was not shown, and a token with nothing pending: the words name none
   * of these cases (nor the serial), so the answer cannot tell them apart.
   */
  noPendingIssuance: () =>
    new ServerError({
      code: 'tokenNotFound',
      status: 404,
      text: { ja: 'このUSBトークンの格納待ちの電子証明書は見つかりません。', en: 'No certificate waiting for this token was found.' },
      remedy: {
        ja: '申請時に指定したUSBトークンを接続してください。認証局からのメールに記載の申請書番号で進めることもできます。',
        en: 'Connect the token named in the application, or go on with the application number in the CA’s mail.',
      },
    }),
  certificateNotFound: (serial: string) =>
    new ServerError({
      code: 'certificateNotFound',
      status: 404,
      text: { ja: `シリアル番号 ${serial} の電子証明書は見つかりません。`, en: `No certificate with serial ${serial}.` },
      remedy: { ja: 'シリアル番号（16進）を確認してください。', en: 'Check the certificate serial (hex).' },
    }),
  awaitingApproval: (retryAfterSeconds: number) =>
    new ServerError({
      code: 'awaitingApproval',
      status: 202,
      text: { ja: '申請は認証局で審査中です。', en: 'The application is awaiting the CA’s approval.' },
      remedy: { ja: 'しばらく待ってから再度実行してください。', en: 'Try again later.' },
      details: {},
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
  notIssued: () =>
    new ServerError({
      code: 'certificateNotIssued',
      status: 409,
      text: { ja: 'この申請の電子証明書はまだ発行されていません。', en: 'No certificate has been issued for this application yet.' },
      remedy: { ja: '電子証明書の発行（simpleenroll）を先に行ってください。', en: 'Enroll (simpleenroll) first.' },
    }),
  differentKey: () =>
    new ServerError({
      code: 'differentKey',
      status: 400,
      text: { ja: 'この申請の電子証明書は別の鍵で発行済みです。', en: 'A certificate was already issued for this application with a different key.' },
      remedy: { ja: '最初に鍵を生成したUSBトークンで格納を再開するか、認証局運用管理者へお問い合わせください。', en: 'Resume on the token that generated the first key, or contact the CA operator.' },
    }),
  revoked: () =>
    new ServerError({
      code: 'applicationRevoked',
      status: 403,
      text: { ja: 'この申請の電子証明書は失効しています。', en: 'This application’s certificate has been revoked.' },
      remedy: contactCa,
    }),
  unsupportedMediaType: (expected: string) =>
    new ServerError({
      code: 'unsupportedMediaType',
      status: 415,
      text: { ja: `Content-Type は ${expected} にしてください。`, en: `The Content-Type must be ${expected}.` },
      remedy: { ja: 'クライアントの設定を確認してください。', en: 'Check the client.' },
    }),
  bodyTooLarge: (limit: number) =>
    new ServerError({
      code: 'bodyTooLarge',
      status: 413,
      text: { ja: `要求が大きすぎます（上限 ${limit} バイト）。`, en: `The request body is too large (limit ${limit} bytes).` },
      remedy: { ja: 'クライアントの設定を確認してください。', en: 'Check the client.' },
    }),
  notFound: () =>
    new ServerError({
      code: 'notFound',
      status: 404,
      text: { ja: 'そのURLはありません。', en: 'No such URL.' },
      remedy: { ja: 'サーバーのURLを確認してください。', en: 'Check the server URL.' },
    }),
  methodNotAllowed: (allowed: string[]) =>
    new ServerError({
      code: 'methodNotAllowed',
      status: 405,
      text: { ja: 'このURLではそのメソッドは使えません。', en: 'That method is not allowed here.' },
      remedy: { ja: `使えるメソッド: ${allowed.join(', ')}`, en: `Allowed: ${allowed.join(', ')}` },
      details: {},
      headers: { Allow: allowed.join(', ') },
    }),
  badUrl: () =>
    new ServerError({
      code: 'badUrl',
      status: 400,
      text: { ja: 'URLが正しくありません（パーセントエンコードが読めません）。', en: 'The URL is malformed (its percent-encoding cannot be read).' },
      remedy: { ja: 'サーバーのURLを確認してください。', en: 'Check the server URL.' },
    }),
  urlTooLong: () =>
    new ServerError({
      code: 'urlTooLong',
      status: 414,
      text: { ja: 'URLが長すぎます。', en: 'The URL is too long.' },
      remedy: { ja: 'サーバーのURLを確認してください。', en: 'Check the server URL.' },
    }),
  headersTooLarge: () =>
    new ServerError({
      code: 'headersTooLarge',
      status: 431,
      text: { ja: '要求のヘッダーが大きすぎます。', en: 'The request headers are too large.' },
      remedy: { ja: 'クライアントの設定を確認してください。', en: 'Check the client.' },
    }),
  malformedRequest: () =>
    new ServerError({
      code: 'malformedRequest',
      status: 400,
      text: { ja: 'HTTPの要求として読めません。', en: 'The request is not valid HTTP.' },
      remedy: { ja: 'クライアントの設定を確認してください。', en: 'Check the client.' },
    }),
  requestTimeout: () =>
    new ServerError({
      code: 'requestTimeout',
      status: 408,
      text: { ja: '要求の受信が時間内に終わりませんでした。', en: 'The request did not arrive in time.' },
      remedy: { ja: '通信環境を確認して再度実行してください。', en: 'Check the network and try again.' },
    }),
  expectationFailed: () =>
    new ServerError({
      code: 'expectationFailed',
      status: 417,
      text: { ja: 'Expect ヘッダーの値には応じられません。', en: 'The Expect header cannot be met.' },
      remedy: { ja: 'Expect ヘッダーを付けずに送ってください。', en: 'Send the request without the Expect header.' },
    }),
  operationNotSupported: (operation: string) =>
    new ServerError({
      code: 'operationNotSupported',
      status: 404,
      text: { ja: `この認証局は EST の ${operation} を提供していません（RFC 7030 では任意の機能です）。`, en: `This CA does not offer EST ${operation} (optional in RFC 7030).` },
      remedy: { ja: 'cacerts・simpleenroll・simplereenroll を使ってください。', en: 'Use cacerts, simpleenroll or simplereenroll.' },
    }),
  clientCertificateRequired: () =>
    new ServerError({
      code: 'clientCertificateRequired',
      status: 403,
      text: { ja: '再発行（simplereenroll）には、この認証局が発行した現在の電子証明書でのTLSクライアント認証が必要です。', en: 'Re-enrollment (simplereenroll) needs TLS client authentication with the current certificate this CA issued.' },
      remedy: { ja: '現在の電子証明書と鍵をクライアント証明書として設定して再度実行するか、simpleenroll を使ってください。', en: 'Present the current certificate and its key as the TLS client certificate, or use simpleenroll.' },
    }),
  clientCertificateRefused: (reason: Localized) =>
    new ServerError({ code: 'clientCertificateRefused', status: 403, text: reason, remedy: contactCa }),
  renewalNotForHolder: () =>
    new ServerError({
      code: 'renewalNotForHolder',
      status: 403,
      text: { ja: 'この申請書番号は、提示された電子証明書の更新申請ではありません。', en: 'This application number is not a renewal of the certificate presented.' },
      remedy: { ja: '更新申請の申請書番号を確認するか、認証局運用管理者へお問い合わせください。', en: 'Check the renewal application number, or contact the CA operator.' },
    }),
  channelBindingRefused: (reason: Localized) =>
    new ServerError({
      code: 'channelBindingRefused',
      status: 400,
      text: reason,
      remedy: {
        ja: 'CSRの challengePassword にはこの接続の tls-unique（TLS 1.2）を入れるか、challengePassword を付けずに送ってください。',
        en: 'Put this connection’s tls-unique (TLS 1.2) in the CSR’s challengePassword, or leave challengePassword out.',
      },
    }),
  rateLimited: (retryAfterSeconds: number) =>
    new ServerError({
      code: 'rateLimited',
      status: 429,
      text: { ja: '短時間に要求が多すぎます。', en: 'Too many requests in a short time.' },
      remedy: { ja: `${retryAfterSeconds}秒ほど待ってから再度実行してください。`, en: `Wait about ${retryAfterSeconds} seconds and try again.` },
      details: {},
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
  databaseUnavailable: (retryAfterSeconds: number) =>
    new ServerError({
      code: 'databaseUnavailable',
      status: 503,
      text: { ja: '認証局のデータベースに一時的に接続できません。', en: 'The CA’s database is unavailable for the moment.' },
      remedy: { ja: `${retryAfterSeconds}秒ほど待ってから再度実行してください。`, en: `Wait about ${retryAfterSeconds} seconds and try again.` },
      details: {},
      headers: { 'Retry-After': String(retryAfterSeconds) },
    }),
  internal: () =>
    new ServerError({
      code: 'internalError',
      status: 500,
      text: { ja: '認証局サーバーで問題が発生しました。', en: 'The CA server hit a problem.' },
      remedy: { ja: '時間をおいて再度実行し、続く場合は認証局運用管理者へお問い合わせください。', en: 'Try again later; if it persists, contact the CA operator.' },
    }),
  invalidArgument: (what: Localized) =>
    new ServerError({ code: 'invalidArgument', status: 400, text: what, remedy: { ja: 'コマンドの引数を確認してください。', en: 'Check the command’s arguments.' } }),
  notInitialized: (dir: string) =>
    new ServerError({
      code: 'caNotInitialized',
      status: 500,
      text: { ja: `${dir} に認証局のデータがありません。`, en: `No CA data in ${dir}.` },
      remedy: { ja: '`tokendesk ca init --data DIR` を先に実行してください。', en: 'Run `tokendesk ca init --data DIR` first.' },
    }),
} as const;
