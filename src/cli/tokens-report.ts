import { openModule, type TokenInfo } from '../core/pkcs11/index.js';

const PIN_STATE_JA: Record<TokenInfo['pinState'], string> = {
  ok: '正常',
  countLow: '残り回数わずか',
  finalTry: '最後の1回',
  locked: 'ロック中',
  notInitialized: '未初期化',
};

export async function listTokensReport(options: { module?: string; json?: boolean }): Promise<string> {
  const module = await openModule(options.module);
  try {
    const tokens = await module.listTokens();
    if (options.json) return `${JSON.stringify(tokens, null, 2)}\n`;
    if (tokens.length === 0) return 'トークンが見つかりません / No token found\n';
    const rows = tokens.map(
      (t) =>
        `${t.serial.padEnd(18)} ${t.model.padEnd(14)} ${t.manufacturer.padEnd(20)} ${PIN_STATE_JA[t.pinState]} (${t.pinState})${t.legacy ? '  旧USBトークン / legacy 1024-bit' : ''}  ${t.label}`,
    );
    return `${'シリアル/serial'.padEnd(18)} ${'model'.padEnd(14)} ${'manufacturer'.padEnd(20)} PIN\n${rows.join('\n')}\n`;
  } finally {
    await module.release();
  }
}
