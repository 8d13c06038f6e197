// Served as /portal/static/tokendesk-portal.js when this CA has no build of TokenDesk's
// portal SDK (dist/sdk/tokendesk-portal.js, `npm run build:sdk`): every call fails
// with the words of CA manual §12.1 row 2, as the SDK does when TokenDesk is not running.
const ROW_2 = {
  ja: 'eToken版電子証明書格納デバイス情報取得モジュールが正しくインストール出来ているか確認してください。',
  en: 'Check that the device module (TokenDesk) is installed and running.',
};
const REMEDY = {
  ja: '申請に必要なソフトのインストールがされていないようです。ソフトをインストールしてください。',
  en: 'The software the application needs does not seem to be installed: install it.',
};

export class TokenDeskError extends Error {
  constructor() {
    super(ROW_2.en);
    this.name = 'TokenDeskError';
    this.code = 'module-not-running';
    this.text = ROW_2;
    this.remedy = REMEDY;
    this.manualRow = 2;
  }
}

export function connect() {
  return Promise.reject(new TokenDeskError());
}
