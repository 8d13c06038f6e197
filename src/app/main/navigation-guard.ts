/**
 * No navigation away from our pages, no new windows, no <webview>, no
 * permissions (camera, notifications, …): the window shows TokenDesk and nothing
 * else. Written against the few WebContents/Session members it uses, so the rules
 * are unit-tested without Electron.
 */
import { isAppUrl } from './app-protocol.js';

interface PreventableEvent {
  preventDefault(): void;
}

export interface GuardedContents {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: PreventableEvent, url: string) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

export interface GuardedSession {
  setPermissionRequestHandler(handler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null): void;
  setPermissionCheckHandler(handler: ((contents: unknown, permission: string) => boolean) | null): void;
}

export function guardContents(contents: GuardedContents, log: (line: string) => void = () => undefined): void {
  const stay = (event: PreventableEvent, url: string) => {
    if (!isAppUrl(url)) {
      event.preventDefault();
      log('navigation refused');
    }
  };
  contents.on('will-navigate', stay);
  contents.on('will-redirect', stay);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

export function guardSession(session: GuardedSession): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
