import type { Localized, MessageParams } from '../messages/index.js';

/**
 * The answer of every PIN rule: fine, or a catalogue code with its parameters. The
 * parameters name positions and lengths, never the characters typed (they are the secret).
 */
export type PinCheck = { ok: true; hint?: string } | { ok: false; code: string; params: MessageParams; hint?: string };

/** How each PIN is called in the catalogue's `{pin}` placeholder. */
export const PIN_NAMES = {
  storage: { ja: '電子証明書格納用PIN', en: 'storage PIN' },
  user: { ja: 'ユーザーPIN', en: 'user PIN' },
  userConfirmation: { ja: 'ユーザーPIN（確認入力）', en: 'user PIN confirmation' },
  card: { ja: 'PIN番号', en: 'card PIN' },
  /** The EST-only profile's HTTP Basic password: any text the CA chose (RFC 7617), not a storage PIN. */
  estPassword: { ja: 'ESTパスワード', en: 'EST password' },
} as const satisfies Record<string, Localized>;

export function refuse(code: string, params: MessageParams = {}): PinCheck {
  return { ok: false, code, params };
}

export const ACCEPTED: PinCheck = { ok: true };
