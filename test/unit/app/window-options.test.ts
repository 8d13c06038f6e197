/** Electron's security checklist, flag by flag, on the options main really uses. */
import { describe, expect, it } from 'vitest';
import { mainWindowOptions } from '../../../src/app/main/window-options.js';

const prefs = mainWindowOptions({ preloadPath: '/app/dist/app/preload/preload.cjs' }).webPreferences!;

describe('main window webPreferences', () => {
  it('isolates the page from the preload (contextIsolation)', () => expect(prefs.contextIsolation).toBe(true));
  it('runs the renderer in the OS sandbox', () => expect(prefs.sandbox).toBe(true));
  it('gives the page no Node.js', () => expect(prefs.nodeIntegration).toBe(false));
  it('gives workers no Node.js', () => expect(prefs.nodeIntegrationInWorker).toBe(false));
  it('gives subframes no Node.js', () => expect(prefs.nodeIntegrationInSubFrames).toBe(false));
  it('keeps the same-origin policy (webSecurity)', () => expect(prefs.webSecurity).toBe(true));
  it('refuses insecure content', () => expect(prefs.allowRunningInsecureContent).toBe(false));
  it('enables no experimental web features', () => expect(prefs.experimentalFeatures).toBe(false));
  it('allows no <webview>', () => expect(prefs.webviewTag).toBe(false));
  it('does not navigate to a dropped file', () => expect(prefs.navigateOnDragDrop).toBe(false));
  it('loads only our preload', () => expect(prefs.preload).toBe('/app/dist/app/preload/preload.cjs'));
  it('has no developer tools unless asked for', () => {
    const previous = process.env.TOKENDESK_DEVTOOLS;
    delete process.env.TOKENDESK_DEVTOOLS;
    expect(mainWindowOptions({ preloadPath: 'p' }).webPreferences?.devTools).toBe(false);
    if (previous !== undefined) process.env.TOKENDESK_DEVTOOLS = previous;
  });
  it('stays hidden until the first paint', () => expect(mainWindowOptions({ preloadPath: 'p' }).show).toBe(false));
});
