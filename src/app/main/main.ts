/**
 * Electron main: one hardened window over the renderer, IPC handlers generated
 * from the TokenDeskApi channel map that forward to the core service, a tray that
 * shows the token's state and keeps TokenDesk running when the window closes, the
 * login item, and the device module for CA web pages (device-module-host.ts).
 * Single instance. Everything decided here is in the pure modules beside this one
 * (window-options, navigation-guard, ipc-handlers, app-protocol, sender-check,
 * app-menu) and in src/core/desktop (tray-state, desktop-preferences); this file
 * only wires them to Electron.
 */
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { BrowserWindow, Menu, Tray, app, ipcMain, nativeImage, protocol, session, type MenuItemConstructorOptions } from 'electron';
import type { Settings, TokenDeskHandlers, TokenPresence } from '../../api/index.js';
import { desktopPreferences, loginItemSettings, onWindowClose, portalPortFromEnvironment, startsHidden, trayView, type DesktopPreferences, type TrayCommand } from '../../core/desktop/index.js';
import { createTokenDeskService, defaultSettingsFile, type TokenDeskService } from '../../core/service/index.js';
import { createPortalDesk, describeStartFailure, grantsFileBeside, type PromptDesk } from '../../device-module/index.js';
import { menuTemplate } from './app-menu.js';
import { APP_ENTRY_URL, APP_SCHEME, appScreenUrl, resolveAppFile } from './app-protocol.js';
import { pageInLanguage } from './page-language.js';
import { rendererPagePolicy } from './content-security-policy.js';
import { hostDeviceModule, type DeviceModuleHost } from './device-module-host.js';
import { forwardEvents, registerIpcHandlers } from './ipc-handlers.js';
import { guardContents, guardSession } from './navigation-guard.js';
import { createSenderCheck } from './sender-check.js';
import { mainWindowOptions } from './window-options.js';

const here = import.meta.dirname;
const rendererDir = join(here, '..', '..', 'renderer');
const preloadPath = join(here, '..', 'preload', 'preload.cjs');
const assetsDir = join(here, '..', '..', '..', 'assets');
// Logs carry events, never request bodies (PINs).
const log = (line: string) => process.stderr.write(`[main] ${line}\n`);

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | undefined;
  let service: TokenDeskService | undefined;
  let tray: Tray | undefined;
  let deviceModule: DeviceModuleHost | undefined;
  let preferences: DesktopPreferences = desktopPreferences({});
  let language: Settings['language'] = 'ja';
  let presence: TokenPresence | undefined;
  let quitting = false;
  let shutDown = false;

  const showWindow = (url?: string) => {
    if (!window) return;
    if (url) void window.loadURL(url);
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };

  const commands: Record<TrayCommand, () => void> = {
    open: () => showWindow(),
    deviceInfo: () => showWindow(appScreenUrl('device')),
    quit: () => app.quit(),
  };

  const updateTray = () => {
    if (!tray) return;
    const view = trayView(presence, language);
    tray.setImage(nativeImage.createFromPath(join(assetsDir, 'tray', `${view.icon}.png`)));
    tray.setToolTip(view.tooltip);
    const items = view.menu.map((item): MenuItemConstructorOptions => {
      if (item.type === 'separator') return { type: 'separator' };
      if (item.type === 'status') return { label: item.label, enabled: false };
      return { label: item.label, enabled: item.enabled, click: commands[item.command] };
    });
    tray.setContextMenu(Menu.buildFromTemplate(items));
  };

  const applySettings = (settings: Settings) => {
    preferences = desktopPreferences(settings);
    language = settings.language;
    const loginItem = loginItemSettings(preferences);
    if (loginItem) app.setLoginItemSettings(loginItem);
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(language)));
    updateTray();
  };

  app.on('second-instance', () => showWindow());
  // macOS: a click on the Dock icon brings back a window kept in the tray.
  app.on('activate', () => showWindow());

  app.on('web-contents-created', (_event, contents) => guardContents(contents, log));

  app.whenReady().then(async () => {
    const csp = await rendererPagePolicy(rendererDir);
    guardSession(session.defaultSession);
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
    });
    protocol.handle(APP_SCHEME, async (request) => {
      const file = resolveAppFile(rendererDir, request.url);
      if (!file) return new Response('Not Found', { status: 404 });
      try {
        // The page itself in the window's language (the settings'), for its first frame to show STEP1 in.
        const body = file.path === resolve(rendererDir, 'index.html') ? pageInLanguage(await readFile(file.path, 'utf8'), language) : await readFile(file.path);
        return new Response(body, {
          headers: { 'Content-Type': file.type, 'Content-Security-Policy': csp, 'X-Content-Type-Options': 'nosniff' },
        });
      } catch {
        return new Response('Not Found', { status: 404 });
      }
    });
    // Nothing remote is ever fetched by the page: refuse it at the network layer too.
    session.defaultSession.webRequest.onBeforeRequest({ urls: ['http://*/*', 'https://*/*', 'ws://*/*', 'wss://*/*', 'file://*/*'] }, (_details, callback) =>
      callback({ cancel: true }),
    );

    // The device module (CA web pages' portal API) runs while TokenDesk runs, in the tray too; its prompts are this window's.
    let desk: PromptDesk | undefined;
    try {
      desk = createPortalDesk({ consentFile: grantsFileBeside(defaultSettingsFile()) });
    } catch (error) {
      // A bad CA policy file: TokenDesk works, the module does not start (and the log says why).
      log(`device module not started: ${describeStartFailure(error).split('\n')[0] ?? ''}`);
    }
    const core = await createTokenDeskService(desk ? { portalDesk: desk } : {});
    service = core;
    tray = new Tray(nativeImage.createFromPath(join(assetsDir, 'tray', 'absent.png')));
    tray.on('click', () => showWindow());
    applySettings((await core.getSettings({})).settings);
    core.subscribe('tokenPresence', (payload) => {
      presence = payload;
      updateTray();
    });
    // Saving settings (or the language alone) from the window also applies the tray, login item and menu language.
    const applied = <V extends { settings: Settings }>(view: V): V => (applySettings(view.settings), view);
    const handlers: TokenDeskHandlers = {
      ...core,
      saveSettings: async (request) => applied(await core.saveSettings(request)),
      saveLanguage: async (request) => applied(await core.saveLanguage(request)),
    };

    window = new BrowserWindow(mainWindowOptions({ preloadPath, iconPath: join(assetsDir, 'icons', '256x256.png') }));
    const mainWindow = window;
    const isTrustedSender = createSenderCheck(() => (mainWindow.isDestroyed() ? undefined : mainWindow.webContents.mainFrame));
    const unregister = registerIpcHandlers(ipcMain, handlers, isTrustedSender, log);
    const stopEvents = forwardEvents(core, mainWindow.webContents);
    const hidden = startsHidden(process.argv);
    mainWindow.once('ready-to-show', () => {
      if (!hidden) mainWindow.show();
    });
    mainWindow.on('close', (event) => {
      if (onWindowClose(preferences, quitting) === 'hide') {
        event.preventDefault();
        mainWindow.hide();
      }
    });
    mainWindow.on('closed', () => {
      stopEvents();
      unregister();
      window = undefined;
    });

    if (desk) {
      const port = portalPortFromEnvironment(process.env);
      if (port === 'invalid') log('TOKENDESK_PORTAL_PORT is not a port number: the device module uses its default port');
      deviceModule = await hostDeviceModule({
        desk,
        service: core,
        log,
        ...(typeof port === 'number' ? { port } : {}),
        raise: (waiting) => {
          if (mainWindow.isDestroyed()) return;
          if (waiting) showWindow();
          mainWindow.setAlwaysOnTop(waiting);
        },
      });
    }
    await mainWindow.loadURL(APP_ENTRY_URL);
  }).catch((error: unknown) => {
    log(`start failed: ${error instanceof Error ? error.name : 'error'}`);
    app.exit(1);
  });

  // Only when the window really closed (not kept in the tray): nothing is left to show.
  app.on('window-all-closed', () => app.quit());
  app.on('before-quit', () => {
    quitting = true;
  });
  // The device module and the token library are released before the process ends:
  // quitting waits for them once, then goes on.
  app.on('will-quit', (event) => {
    if (shutDown) return;
    event.preventDefault();
    tray?.destroy();
    tray = undefined;
    // The device module first (it uses the service), then the service.
    void Promise.allSettled([deviceModule?.stop()]).then(() => Promise.allSettled([service?.close()])).then(() => {
      shutDown = true;
      app.quit();
    });
  });
}
