/**
 * The words of PIN care (docs/architecture.md, Flow F) and of the vendor's device facts: changing
 * the user PIN, unlocking a locked token through the CA (CA manual §12.1 row 6), and
 * the confirmation before a try that would lock the token. Merged into STRINGS.
 */
export const PIN_CARE_JA = {
  // The vendor's facts about the device (SafeNet's token object)
  deviceProduct: '製品名',
  deviceVendorModel: '型式（メーカー）',
  deviceFirmware: 'ファームウェア',
  deviceProductionDate: '製造日',
  deviceFips: 'FIPSモード',
  deviceKeyArea: 'RSA鍵領域',
  unknownValue: '不明',
  yesValue: 'はい',
  noValue: 'いいえ',

  // Change the user PIN
  pinChangeTitle: 'ユーザーPINの変更',
  pinChangeCurrent: '現在のユーザーPIN',
  pinChangeNew: '新しいユーザーPIN',
  pinChangeAgain: '新しいユーザーPIN（確認）',
  pinChangeSubmit: 'ユーザーPINを変更',
  pinChangeDone: 'ユーザーPINを変更しました。次回から新しいユーザーPINを使ってください。',

  // Unlock through the CA
  unlockOffer: 'ロック解除',
  unlockTitle: 'ロック解除（認証局運用管理者から受け取ったロック解除コードで）',
  unlockIntro: '認証局運用管理者から受け取った10桁のロック解除コードと、新しいユーザーPINを入力してください。電子証明書と秘密鍵はそのまま残ります。',
  unlockCode: 'ロック解除コード（10桁）',
  unlockSubmit: 'ロックを解除',
  unlockDone: 'ロックを解除し、新しいユーザーPINを設定しました。',

  // The final try
  finalTryTitle: '残り1回です',
  finalTryBody: '次にPINを間違えると、{what}はロックされ、認証局運用管理者によるロック解除が必要になります。PINが確かな場合だけ続けてください。',
  finalTryWhatToken: 'USBトークン',
  finalTryWhatCard: 'ICカード',
  finalTryStorageBody: '電子証明書格納用PINの残り入力回数は1回です。このPINが間違っていると、この申請の電子証明書格納用PINはロックされ、しばらく（または認証局運用管理者が新しいPINを発行するまで）格納できなくなります。メールのPINと一字ずつ照らし合わせ、確かな場合だけ続けてください。',
  finalTryContinue: 'このPINで続ける',
  finalTryCancel: 'やめる（入力したPINを消去）',
  finalTryAdminBody: '万一失敗すると管理者PINもロックされ、認証局でもこのUSBトークンのロックを解除できなくなります。不安な場合はやめて、認証局運用管理者へお問い合わせください。',
  finalTryAdminContinue: '最後の1回を使ってロックを解除',
  finalTryAdminCancel: 'やめる（入力したコードとPINを消去）',
  finalTryAdminStoreContinue: '最後の1回を使ってユーザーPINを設定',
};

export const PIN_CARE_EN: Record<keyof typeof PIN_CARE_JA, string> = {
  deviceProduct: 'Product',
  deviceVendorModel: 'Model (vendor)',
  deviceFirmware: 'Firmware',
  deviceProductionDate: 'Production date',
  deviceFips: 'FIPS mode',
  deviceKeyArea: 'RSA key area',
  unknownValue: 'unknown',
  yesValue: 'yes',
  noValue: 'no',

  pinChangeTitle: 'Change the user PIN',
  pinChangeCurrent: 'Current user PIN',
  pinChangeNew: 'New user PIN',
  pinChangeAgain: 'New user PIN (again)',
  pinChangeSubmit: 'Change the user PIN',
  pinChangeDone: 'The user PIN was changed. Use the new user PIN from now on.',

  unlockOffer: 'Unlock',
  unlockTitle: 'Unlock (with the unlock code from the CA operator)',
  unlockIntro: 'Enter the 10-digit unlock code the CA operator gave you and a new user PIN. The certificate and the private key stay on the token.',
  unlockCode: 'Unlock code (10 digits)',
  unlockSubmit: 'Unlock',
  unlockDone: 'The token is unlocked and the new user PIN is set.',

  finalTryTitle: 'One try left',
  finalTryBody: 'If this PIN is wrong, the {what} locks and the CA operator has to unlock it. Continue only if you are sure of the PIN.',
  finalTryWhatToken: 'token',
  finalTryWhatCard: 'IC card',
  finalTryStorageBody: 'One try of the storage PIN is left. If this PIN is wrong, the application\'s storage PIN locks and nothing can be stored for a while (or until the CA operator issues a new PIN). Compare it digit by digit with the PIN in the CA\'s mail and continue only if you are sure.',
  finalTryContinue: 'Use this PIN',
  finalTryCancel: 'Cancel (the PIN typed is wiped)',
  finalTryAdminBody: 'Should it fail, the administrator PIN locks too and not even the CA can unlock this token. If in doubt, cancel and contact the CA operator.',
  finalTryAdminContinue: 'Use the last try and unlock',
  finalTryAdminCancel: 'Cancel (the code and PINs typed are wiped)',
  finalTryAdminStoreContinue: 'Use the last try and set the user PIN',
};
