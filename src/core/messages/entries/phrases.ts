import type { Localized } from '../message-entry.js';

/**
 * Short phrases (not errors: no cause or remedy) that diagnosis, device information,
 * the report and the CLI show. `{name}` and `[[…]]` work as in the entries.
 * Never a PIN among the parameters.
 */
export const PHRASES = {
  // A check could not run, and why.
  skippedAfterFailure: { ja: '前の項目で問題が見つかったため確認していません', en: 'not checked: an earlier check found a problem' },
  noPinGiven: { ja: 'ユーザーPINが入力されていないため確認していません', en: 'not checked: no user PIN was given' },
  tokenRemovedDuringCheck: { ja: '確認中にUSBトークンが外されました[[（{raw}）]]', en: 'the token was removed during the check[[ ({raw})]]' },
  tokenNotResponding: { ja: 'USBトークンが正しく応答しません[[（{raw}）]]', en: 'the token does not respond correctly[[ ({raw})]]' },

  // What the token checks saw.
  middlewareLoaded: { ja: '{path}（{manufacturer} {description} {version}）', en: '{path} ({manufacturer} {description} {version})' },
  middlewareMissing: { ja: 'ミドルウェアが見つからないか読み込めません', en: 'the middleware is missing or cannot be loaded' },
  tokensCounted: { ja: '{count}本[[（{serials}）]]', en: '{count}[[ ({serials})]]' },
  notInitialized: { ja: '初期化されていません', en: 'not initialized' },
  initialized: { ja: '初期化済み（{label}）', en: 'initialized ({label})' },
  deviceResponds: { ja: '応答あり（電子証明書 {count}件）', en: 'responds ({count} certificate object(s))' },
  noCertificateStored: { ja: '電子証明書が格納されていません', en: 'no certificate is stored' },
  certificateUnreadable: { ja: '読み取れない電子証明書（{label}）', en: 'unreadable certificate ({label})' },
  certificateFound: { ja: '{holder}（シリアル {serial}）', en: '{holder} (serial {serial})' },

  // The user PIN's state, with the tries left when the middleware tells them.
  pinStateOk: { ja: '正常', en: 'normal' },
  pinStateCountLow: { ja: '入力ミスあり', en: 'wrong PINs were entered' },
  pinStateFinalTry: { ja: '残り1回（次に間違えるとロック）', en: 'one try left (the next mistake locks it)' },
  pinStateLocked: { ja: 'ロック中', en: 'locked' },
  pinStateNotInitialized: { ja: '未設定', en: 'not set' },
  triesLeft: { ja: '（残り {left} 回[[ / {max} 回]]）', en: ' ({left}[[ of {max}]] tries left)' },
  triesUnknown: { ja: '（残り回数はこのミドルウェアでは不明）', en: ' (tries left: unknown with this middleware)' },

  // Login and the key pair.
  loginNotTriedLocked: { ja: 'ロック中のため、ユーザーPINは使用していません', en: 'not tried: the PIN is locked' },
  loginNotTriedFinalTry: { ja: '残り1回のため、ユーザーPINは使用していません', en: 'not tried: one attempt left' },
  loginWrongForm: { ja: '入力されたユーザーPINの形式が正しくありません（ログインは行っていません）', en: 'the user PIN typed has the wrong form (no login was tried)' },
  loggedIn: { ja: 'ログインできました', en: 'logged in' },
  loginWrongPin: { ja: 'ユーザーPINが正しくありません', en: 'the user PIN is wrong' },
  loginLockedNow: { ja: 'ユーザーPINが正しくなく、この入力でUSBトークンがロックされました', en: 'the user PIN was wrong and this try locked the token' },
  loginTokenLocked: { ja: 'USBトークンがロックされています', en: 'the token is locked' },
  noPrivateKey: { ja: '電子証明書に対応する秘密鍵がありません', en: 'no private key belongs to the certificate' },
  keySignedAndVerified: { ja: '秘密鍵で署名し、電子証明書で検証できました', en: 'the private key signed and the certificate verified it' },
  keySignatureNotVerified: { ja: '秘密鍵の署名を電子証明書で検証できません', en: 'the certificate does not verify the private key\'s signature' },
  noPublicKeyVisible: { ja: '公開鍵が見えないため、ユーザーPINなしでは確認できません', en: 'not checked: no public key is visible without the user PIN' },
  publicKeyMatches: { ja: 'トークン内の公開鍵と電子証明書が一致（署名の確認にはユーザーPINが必要です）', en: 'the public key on the token matches the certificate (signing needs the user PIN)' },
  publicKeyMismatch: { ja: 'トークン内の公開鍵と電子証明書が一致しません', en: 'the public key on the token does not match the certificate' },

  // The certificate against the CA.
  judgedByCaClock: { ja: '認証局の時刻で判定', en: 'judged by the CA\'s clock' },
  judgedByPcClock: { ja: 'PCの時刻で判定', en: 'judged by the PC clock' },
  validityWindow: { ja: '{notBefore} ～ {notAfter}（{clock}）', en: '{notBefore} to {notAfter} ({clock})' },
  notRevoked: { ja: '失効していません', en: 'not revoked' },
  revokedInCrl: { ja: '認証局のCRLに登録されています', en: 'listed in the CA\'s CRL' },
  revocationNoCa: { ja: '認証局（--ca）が指定されていないため確認していません', en: 'not checked: no CA (--ca) was given' },
  revocationUnknown: { ja: '確認できませんでした（{reason}）', en: 'could not be checked ({reason})' },
  crlDoesNotVerify: { ja: 'CRLを検証できません', en: 'the CRL does not verify' },
  clockNotKnown: { ja: '認証局の時刻を取得していないため確認していません', en: 'not checked: the CA\'s time is not known' },
  clockApart: { ja: '差 {seconds} 秒', en: '{seconds} s apart' },

  // Which PKCS#11 library the command line chose among several found here.
  moduleHoldsToken: {
    ja: 'PKCS#11モジュール：{path}（{vendor}）— USBトークンはこのモジュールで見つかりました（ほかに検出：{others}）',
    en: 'PKCS#11 module: {path} ({vendor}) — the token was found with this one (also detected: {others})',
  },
  moduleNoToken: {
    ja: 'PKCS#11モジュール：{path}（{vendor}）— 検出したどのモジュールにもUSBトークンが見つかりません（ほかに検出：{others}）',
    en: 'PKCS#11 module: {path} ({vendor}) — no detected module holds a token (also detected: {others})',
  },
  unknown: { ja: '不明', en: 'unknown' },

  // What the command line asks (PINs without echo) and answers between the steps.
  askUserPin: { ja: 'ユーザーPIN: ', en: 'User PIN: ' },
  askCurrentUserPin: { ja: '現在のユーザーPIN: ', en: 'Current user PIN: ' },
  askStoragePin: { ja: '電子証明書格納用PIN（10桁の数字）: ', en: 'Storage PIN (10 digits): ' },
  askEstPassword: { ja: 'ESTパスワード: ', en: 'EST password: ' },
  askNewUserPin: { ja: '新しいユーザーPIN（半角英数4～8桁）: ', en: 'New user PIN (4–8 letters and digits): ' },
  askAgain: { ja: 'もう一度: ', en: 'Again: ' },
  askUnlockCode: { ja: 'ロック解除コード（10桁の数字）: ', en: 'Unlock code (10 digits): ' },
  userPinChanged: { ja: 'ユーザーPINを変更しました。', en: 'The user PIN was changed.' },
  tokenUnlocked: { ja: 'ロックを解除し、新しいユーザーPINを設定しました', en: 'Unlocked; the new user PIN is set' },
  askIsThisYou: { ja: '  この内容で間違いありませんか？ [y/N] ', en: '  Is this you? [y/N] ' },
  askUseFinalTry: { ja: '  最後の1回を使って続けますか？ [y/N] ', en: '  Use the last try? [y/N] ' },
  cancelledAskCa: { ja: '中止しました。認証局運用員へ連絡してください。', en: 'Cancelled: contact the CA.' },
  storagePinAccepted: { ja: '  OK（残り入力回数 {n}回）', en: '  OK ({n} {n|attempt|attempts} left)' },
  applicationNoFromMail: {
    ja: '  認証局はこのUSBトークンの申請を示していません。メールに記載の申請書番号で進めます。',
    en: '  The CA names no application for this token: going on with the application number from its mail.',
  },
  askApplicationNo: { ja: '  申請書番号: ', en: '  Application number: ' },
  applicationNoNeeded: { ja: '--application-no で申請書番号を指定してください。', en: 'Give the application number with --application-no.' },
  estNeedsSubject: { ja: '--est-user には --subject（電子証明書のサブジェクト）も指定してください。', en: '--est-user needs --subject (the certificate subject).' },
  estUserForm: { ja: '--est-user のユーザー名には「:」や制御文字を使えません（HTTP Basic認証で送れないため）。認証局から受け取ったユーザー名を確認してください。', en: 'The --est-user name cannot contain ":" or control characters (HTTP Basic authentication cannot carry them). Check the user name the CA gave you.' },
  askCardPin: { ja: 'PIN番号: ', en: 'Card PIN: ' },
  askOldCardPin: { ja: '現在使用しているICカードのPIN番号: ', en: 'PIN of the card in use: ' },
  askNewCardPin: { ja: '新しく取得したICカードのPIN番号: ', en: 'PIN of the new card: ' },
  noTokenFound: { ja: 'USBトークンが見つかりません', en: 'No token found' },
} as const satisfies Record<string, Localized>;

export type PhraseKey = keyof typeof PHRASES;
