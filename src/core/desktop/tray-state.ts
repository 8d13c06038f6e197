/**
 * What the tray shows for the tokens present, and which commands its menu offers.
 * Pure, so each token state is unit-tested without Electron; main only turns the
 * result into Electron's Tray and Menu. The state comes from the core's
 * tokenPresence event (polled by the core), never from a PIN try: "locked" is the
 * token's own flag.
 */
import type { TokenPresence } from '../../api/index.js';

export type TrayTokenState = 'absent' | 'present' | 'locked' | 'unreadable';
/** Commands of the tray menu; main maps each to what it does. */
export type TrayCommand = 'open' | 'deviceInfo' | 'quit';

/** The image for each state: assets/tray/NAME.png (and NAME@2x.png), made by npm run icons. */
export const TRAY_ICONS: Readonly<Record<TrayTokenState, string>> = {
  absent: 'absent',
  present: 'present',
  locked: 'locked',
  // A token that does not answer cannot be used either: the empty outline, and the tooltip says why.
  unreadable: 'absent',
};

export type TrayMenuItem = { type: 'status'; label: string } | { type: 'separator' } | { type: 'command'; command: TrayCommand; label: string; enabled: boolean };

export interface TrayView {
  state: TrayTokenState;
  icon: string;
  tooltip: string;
  menu: TrayMenuItem[];
}

export function trayTokenState(presence: TokenPresence | undefined): TrayTokenState {
  const tokens = presence?.slots.flatMap((slot) => (slot.present && slot.token ? [slot.token] : [])) ?? [];
  if (tokens.some((token) => token.pinState === 'locked')) return 'locked';
  if (tokens.length > 0) return 'present';
  if (presence?.slots.some((slot) => slot.present && slot.error)) return 'unreadable';
  return 'absent';
}

function statusText(state: TrayTokenState, presence: TokenPresence | undefined, ja: boolean): string {
  const slots = presence?.slots ?? [];
  const serials = (locked: boolean) =>
    // A blank token (SoftHSM2's free slot, a token never initialized) has no serial to name.
    slots.flatMap((slot) => (slot.present && slot.token?.serial && (slot.token.pinState === 'locked') === locked ? [slot.token.serial] : [])).join(', ');
  switch (state) {
    case 'absent':
      return ja ? 'USBトークンが挿入されていません' : 'No token plugged in';
    case 'unreadable':
      return ja ? 'USBトークンを読み取れません(破損または接続不良)' : 'A token does not answer (damaged or badly connected)';
    case 'locked':
      return ja ? `USBトークン ${serials(true)} はロックされています` : `Token ${serials(true)} is locked`;
    case 'present':
      return ja ? `USBトークン ${serials(false)}` : `Token ${serials(false)}`;
  }
}

/** The tray for these tokens, in the user's language. */
export function trayView(presence: TokenPresence | undefined, language: 'ja' | 'en'): TrayView {
  const ja = language === 'ja';
  const state = trayTokenState(presence);
  const status = statusText(state, presence, ja);
  return {
    state,
    icon: TRAY_ICONS[state],
    tooltip: `TokenDesk — ${status}`,
    menu: [
      { type: 'status', label: status },
      { type: 'separator' },
      { type: 'command', command: 'open', label: ja ? 'TokenDesk を開く' : 'Open TokenDesk', enabled: true },
      // Flow B needs a token that answers; a locked one still shows its certificate and state.
      { type: 'command', command: 'deviceInfo', label: ja ? 'デバイス情報確認' : 'Device information', enabled: state === 'present' || state === 'locked' },
      { type: 'separator' },
      { type: 'command', command: 'quit', label: ja ? 'TokenDesk を終了' : 'Quit TokenDesk', enabled: true },
    ],
  };
}
