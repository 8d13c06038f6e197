/**
 * The main window's options — pure, so each security flag is unit-tested without
 * Electron (Electron's security checklist, docs/architecture.md "Process boundaries"): the
 * page gets no Node, runs sandboxed in its own JavaScript world, keeps web
 * security, and cannot run insecure content or experimental features.
 */
import type { BrowserWindowConstructorOptions } from 'electron';

export interface WindowOptionsInput {
  /** The bundled preload (dist/app/preload/preload.cjs): the only bridge to main. */
  preloadPath: string;
  title?: string;
  iconPath?: string;
}

export function mainWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1024,
    height: 760,
    minWidth: 720,
    minHeight: 560,
    title: input.title ?? 'TokenDesk',
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    // Shown once the first paint is ready, so no blank window flashes.
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
      devTools: process.env.TOKENDESK_DEVTOOLS === '1',
    },
  };
}
