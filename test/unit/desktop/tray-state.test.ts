/** The tray's state model: what it shows for each token state, and what its menu offers. */
import { describe, expect, it } from 'vitest';
import type { SlotView, TokenPresence, TokenView } from '../../../src/api/index.js';
import { HIDDEN_START_ARG, desktopPreferences, loginItemSettings, onWindowClose, startsHidden } from '../../../src/core/desktop/index.js';
import { TRAY_ICONS, trayTokenState, trayView } from '../../../src/core/desktop/index.js';

function token(serial: string, pinState: TokenView['pinState'] = 'ok'): TokenView {
  return {
    slotId: serial,
    serial,
    label: 'eToken',
    manufacturer: 'SafeNet, Inc.',
    model: 'eToken',
    hardwareVersion: { major: 1, minor: 0 },
    firmwareVersion: { major: 1, minor: 0 },
    pinState,
    soPinState: 'ok',
    legacy: false,
    initialized: true,
    loginRequired: true,
    protectedAuthenticationPath: false,
    minPinLength: 6,
    maxPinLength: 16,
  };
}
const slot = (view?: TokenView, extra: Partial<SlotView> = {}): SlotView => ({ slotId: view?.serial ?? 'empty', description: 'reader', present: view !== undefined, ...(view ? { token: view } : {}), ...extra });
const presence = (...slots: SlotView[]): TokenPresence => ({ serials: slots.flatMap((s) => (s.token ? [s.token.serial] : [])), slots });
const commands = (view: ReturnType<typeof trayView>) => view.menu.flatMap((item) => (item.type === 'command' ? [[item.command, item.enabled]] : []));

describe('tray state', () => {
  it('shows the empty outline and says so when no token is plugged in (also before the first poll)', () => {
    for (const none of [undefined, presence(slot())]) {
      const view = trayView(none, 'ja');
      expect(view.state).toBe('absent');
      expect(view.icon).toBe('absent');
      expect(view.tooltip).toBe('TokenDesk — USBトークンが挿入されていません');
      expect(commands(view)).toEqual([['open', true], ['deviceInfo', false], ['quit', true]]);
    }
  });

  it('names the token present, and offers its device information', () => {
    const view = trayView(presence(slot(token('02B8BEA7'))), 'en');
    expect([view.state, view.icon, view.tooltip]).toEqual(['present', 'present', 'TokenDesk — Token 02B8BEA7']);
    expect(view.menu[0]).toEqual({ type: 'status', label: 'Token 02B8BEA7' });
    expect(commands(view)).toEqual([['open', true], ['deviceInfo', true], ['quit', true]]);
  });

  it('shows a locked token as locked, even beside a usable one, naming the locked one', () => {
    const view = trayView(presence(slot(token('0A000001')), slot(token('0A000002', 'locked'))), 'ja');
    expect([view.state, view.icon]).toEqual(['locked', 'locked']);
    expect(view.tooltip).toBe('TokenDesk — USBトークン 0A000002 はロックされています');
    expect(commands(view)).toContainEqual(['deviceInfo', true]);
  });

  it('tells a token that does not answer from no token at all', () => {
    const words = { ja: '読み取れません', en: 'unreadable' };
    const damaged = slot(undefined, { present: true, error: { code: 'TD-TOKEN-DAMAGED', severity: 'error', text: words, cause: words, remedy: words } });
    expect(trayTokenState(presence(damaged))).toBe('unreadable');
    const view = trayView(presence(damaged), 'en');
    expect(view.tooltip).toContain('does not answer');
    expect(commands(view)).toContainEqual(['deviceInfo', false]);
  });

  it('a token whose PIN is only low on tries is still "present"', () => {
    expect(trayTokenState(presence(slot(token('0A000003', 'countLow'))))).toBe('present');
    expect(trayTokenState(presence(slot(token('0A000004', 'finalTry'))))).toBe('present');
  });

  it('has an image name for every state', () => {
    expect(Object.keys(TRAY_ICONS).sort()).toEqual(['absent', 'locked', 'present', 'unreadable']);
  });
});

describe('desktop preferences', () => {
  it('keeps TokenDesk in the tray unless the user said no', () => {
    expect(desktopPreferences({}, 'linux').keepInTray).toBe(true);
    expect(desktopPreferences({ keepInTray: false }, 'win32').keepInTray).toBe(false);
  });

  it('starts at login by default on Windows only, and as the user chose otherwise', () => {
    expect(desktopPreferences({}, 'win32').startAtLogin).toBe(true);
    expect(desktopPreferences({}, 'darwin').startAtLogin).toBe(false);
    expect(desktopPreferences({}, 'linux').startAtLogin).toBe(false);
    expect(desktopPreferences({ startAtLogin: false }, 'win32').startAtLogin).toBe(false);
    expect(desktopPreferences({ startAtLogin: true }, 'darwin').startAtLogin).toBe(true);
  });

  it('registers the login item hidden (to the tray) where Electron has one, and not on Linux', () => {
    expect(loginItemSettings({ keepInTray: true, startAtLogin: true }, 'win32')).toEqual({ openAtLogin: true, args: [HIDDEN_START_ARG] });
    expect(loginItemSettings({ keepInTray: true, startAtLogin: false }, 'darwin')).toEqual({ openAtLogin: false, args: [] });
    expect(loginItemSettings({ keepInTray: true, startAtLogin: true }, 'linux')).toBeUndefined();
    expect(startsHidden(['TokenDesk.exe', HIDDEN_START_ARG])).toBe(true);
    expect(startsHidden(['TokenDesk.exe'])).toBe(false);
  });

  it('hides the window on close when kept in the tray, but lets it close when quitting', () => {
    expect(onWindowClose({ keepInTray: true, startAtLogin: false }, false)).toBe('hide');
    expect(onWindowClose({ keepInTray: true, startAtLogin: false }, true)).toBe('close');
    expect(onWindowClose({ keepInTray: false, startAtLogin: false }, false)).toBe('close');
  });
});

describe('desktop platform, as the settings screen sees it', () => {
  it('is nothing in a browser (no preload), else the OS from the user agent', async () => {
    const { desktopPlatform } = await import('../../../src/app/renderer/api/open-api.js');
    const api = {} as never;
    expect(desktopPlatform({ navigator: { userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)' } })).toBeUndefined();
    expect(desktopPlatform({ tokendesk: api, navigator: { userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) TokenDesk Electron/41' } })).toBe('win32');
    expect(desktopPlatform({ tokendesk: api, navigator: { userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0)' } })).toBe('darwin');
    expect(desktopPlatform({ tokendesk: api, navigator: { userAgent: 'Mozilla/5.0 (X11; Linux x86_64)' } })).toBe('linux');
  });
});

describe('the device module port in the desktop app', () => {
  it('is the documented default unless TOKENDESK_PORTAL_PORT names a port', async () => {
    const { portalPortFromEnvironment } = await import('../../../src/core/desktop/index.js');
    expect(portalPortFromEnvironment({})).toBeUndefined();
    expect(portalPortFromEnvironment({ TOKENDESK_PORTAL_PORT: ' ' })).toBeUndefined();
    expect(portalPortFromEnvironment({ TOKENDESK_PORTAL_PORT: '0' })).toBe(0);
    expect(portalPortFromEnvironment({ TOKENDESK_PORTAL_PORT: '48000' })).toBe(48000);
    for (const bad of ['65536', '-1', '80.5', '0x50', 'port']) expect(portalPortFromEnvironment({ TOKENDESK_PORTAL_PORT: bad })).toBe('invalid');
  });
});
