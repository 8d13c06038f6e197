/**
 * Electron main: one hardened window over the renderer, IPC handlers generated
 * from the TokenDeskApi channel map that forward to the core service, and the
 * device module for CA web pages (device-module-host.ts). Single instance, no tray. Everything decided here is in the pure modules beside this
 * one (window-options, navigation-guard, ipc-handlers, app-protocol, sender-check,
 * app-menu); this file only wires them to Electron.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { BrowserWindow, Menu, app, ipcMain, protocol, session } from 'electron';
import { createTokenDeskService, defaultSettingsFile, type TokenDeskService } from '../../core/service/index.js';
import { createPortalDesk, describeStartFailure, grantsFileBeside, type PromptDesk } from '../../device-module/index.js';
import { menuTemplate } from './app-menu.js';
import { APP_ENTRY_URL, APP_SCHEME, resolveAppFile } from './app-protocol.js';
import { contentSecurityPolicy } from './content-security-policy.js';
import { hostDeviceModule, type DeviceModuleHost } from './device-module-host.js';
import { forwardEvents, registerIpcHandlers } from './ipc-handlers.js';
import { guardContents, guardSession } from './navigation-guard.js';
import { createSenderCheck } from './sender-check.js';
import { mainWindowOptions } from './window-options.js';

const here = import.meta.dirname;
const rendererDir = join(here, '..', '..', 'renderer');
const preloadPath = join(here, '..', 'preload', 'preload.cjs');
// Logs carry events, never request bodies (PINs).
const log = (line: string) => process.stderr.write(`[main] ${line}\n`);

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let window: BrowserWindow | undefined;
  let service: TokenDeskService | undefined;
  let deviceModule: DeviceModuleHost | undefined;

  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });

  app.on('web-contents-created', (_event, contents) => guardContents(contents, log));

  app.whenReady().then(async () => {
    const csp = contentSecurityPolicy();
    guardSession(session.defaultSession);
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
    });
    protocol.handle(APP_SCHEME, async (request) => {
      const file = resolveAppFile(rendererDir, request.url);
      if (!file) return new Response('Not Found', { status: 404 });
      try {
        return new Response(await readFile(file.path), {
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

    // The device module (CA web pages' portal API) runs while TokenDesk runs; its prompts are this window's.
    let desk: PromptDesk | undefined;
    try {
      desk = createPortalDesk({ consentFile: grantsFileBeside(defaultSettingsFile()) });
    } catch (error) {
      // A bad CA policy file: TokenDesk works, the module does not start (and the log says why).
      log(`device module not started: ${describeStartFailure(error).split('\n')[0] ?? ''}`);
    }
    service = await createTokenDeskService(desk ? { portalDesk: desk } : {});
    const settings = await service.getSettings({});
    Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(settings.settings.language)));

    window = new BrowserWindow(mainWindowOptions({ preloadPath }));
    const mainWindow = window;
    const isTrustedSender = createSenderCheck(() => (mainWindow.isDestroyed() ? undefined : mainWindow.webContents.mainFrame));
    const unregister = registerIpcHandlers(ipcMain, service, isTrustedSender, log);
    const stopEvents = forwardEvents(service, mainWindow.webContents);
    mainWindow.once('ready-to-show', () => mainWindow.show());
    if (desk) {
      deviceModule = await hostDeviceModule({
        desk,
        service,
        log,
        raise: (waiting) => {
          if (mainWindow.isDestroyed()) return;
          if (waiting) {
            if (mainWindow.isMinimized()) mainWindow.restore();
            mainWindow.show();
            mainWindow.focus();
          }
          mainWindow.setAlwaysOnTop(waiting);
        },
      });
    }
    mainWindow.on('closed', () => {
      stopEvents();
      unregister();
      window = undefined;
    });
    await mainWindow.loadURL(APP_ENTRY_URL);
  }).catch((error: unknown) => {
    log(`start failed: ${error instanceof Error ? error.name : 'error'}`);
    app.exit(1);
  });

  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    void deviceModule?.stop().finally(() => service?.close());
  });
}
