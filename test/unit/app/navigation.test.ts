/** The window stays on TokenDesk's own pages: navigation, redirects, new windows, webviews and permissions are refused. */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl, resolveAppFile } from '../../../src/app/main/app-protocol.js';
import { guardContents, guardSession, type GuardedContents } from '../../../src/app/main/navigation-guard.js';
import { createSenderCheck } from '../../../src/app/main/sender-check.js';
import { contentSecurityPolicy, inlineScriptHashes, inlineStyleHashes } from '../../../src/app/main/content-security-policy.js';

function fakeContents() {
  const bus = new EventEmitter();
  let openHandler: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (event: string, listener: (...args: unknown[]) => void) => bus.on(event, listener),
    setWindowOpenHandler: (handler: (details: { url: string }) => { action: 'deny' }) => (openHandler = handler),
  } as unknown as GuardedContents;
  const fire = (event: string, url?: string) => {
    let prevented = false;
    bus.emit(event, { preventDefault: () => (prevented = true) }, url);
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler!({ url }) };
}

describe('navigation guard', () => {
  const { contents, fire, open } = (() => {
    const made = fakeContents();
    guardContents(made.contents);
    return made;
  })();
  it('refuses navigation and redirects to anything but our pages', () => {
    for (const url of ['https://evil.example/', 'file:///etc/passwd', 'http://127.0.0.1:8080/', 'tokendesk://other/index.html', 'javascript:alert(1)']) {
      expect(fire('will-navigate', url), url).toBe(true);
      expect(fire('will-redirect', url), url).toBe(true);
    }
    expect(fire('will-navigate', 'tokendesk://app/index.html#/settings')).toBe(false);
    void contents;
  });
  it('denies every new window and every webview', () => {
    expect(open('https://example.jp/')).toEqual({ action: 'deny' });
    expect(open(APP_ENTRY_URL)).toEqual({ action: 'deny' });
    expect(fire('will-attach-webview')).toBe(true);
  });
  it('grants no permission', () => {
    let request: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | null = null;
    let check: ((c: unknown, p: string) => boolean) | null = null;
    guardSession({ setPermissionRequestHandler: (h) => (request = h), setPermissionCheckHandler: (h) => (check = h) });
    let granted: boolean | undefined;
    request!(null, 'media', (g) => (granted = g));
    expect(granted).toBe(false);
    expect(check!(null, 'clipboard-read')).toBe(false);
  });
});

describe('tokendesk:// protocol', () => {
  const dir = resolve('/opt/tokendesk/renderer');
  it('maps our URLs to files under the renderer directory', () => {
    expect(resolveAppFile(dir, 'tokendesk://app/index.html')).toEqual({ path: join(dir, 'index.html'), type: 'text/html; charset=utf-8' });
    expect(resolveAppFile(dir, 'tokendesk://app/')?.path).toBe(join(dir, 'index.html'));
    expect(resolveAppFile(dir, 'tokendesk://app/assets/main-abc.js')?.type).toContain('javascript');
  });
  it('maps nothing outside it, nothing hidden, nothing of an unknown type, no other host', () => {
    for (const url of ['tokendesk://app/..%2fsecret.html', 'tokendesk://app/.env', 'tokendesk://app/a.exe', 'tokendesk://evil/index.html', 'file:///etc/passwd', 'tokendesk://app/%00.html']) {
      expect(resolveAppFile(dir, url), url).toBeUndefined();
    }
  });
  it('a plain ../ is normalised by the URL parser and stays inside', () => {
    expect(resolveAppFile(dir, 'tokendesk://app/../secret.html')?.path).toBe(join(dir, 'secret.html'));
    expect(resolveAppFile(dir, 'tokendesk://app/%2e%2e/secret.html')?.path).toBe(join(dir, 'secret.html'));
  });
  it('knows its own URLs', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('https://app/')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('sender check', () => {
  const main = { url: APP_ENTRY_URL };
  const check = createSenderCheck(() => main);
  it('trusts our main frame only, while it shows our page', () => {
    expect(check(main)).toBe(true);
    expect(check({ url: APP_ENTRY_URL })).toBe(false); // another frame with the same URL
    expect(check(null)).toBe(false);
    main.url = 'https://evil.example/';
    expect(check(main)).toBe(false);
    expect(createSenderCheck(() => undefined)({ url: APP_ENTRY_URL })).toBe(false);
  });
});

describe('content security policy', () => {
  const csp = contentSecurityPolicy();
  it('allows no inline or evaluated script, no plug-ins, no framing, no remote content', () => {
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/https?:/);
  });

  it("allows the page's own inline stylesheet and script by the hashes of their texts, and nothing else inline", () => {
    // The hash CSP 3 defines for an inline <style>: SHA-256 of its text as UTF-8, base64.
    const page = '<head><style>:root{color:#1b1f24}p{font-weight:bold}</style></head><template><p>日本語</p></template>';
    const hashes = inlineStyleHashes(page);
    expect(hashes).toEqual([`'sha256-${createHash('sha256').update(':root{color:#1b1f24}p{font-weight:bold}', 'utf8').digest('base64')}'`]);
    const policy = contentSecurityPolicy({ styleHashes: hashes, connect: ['ws://127.0.0.1:1'] });
    expect(policy).toContain(`style-src 'self' ${hashes[0]}`);
    expect(policy).toContain("connect-src 'self' ws://127.0.0.1:1");
    expect(policy).not.toContain('unsafe-inline');
    const scripts = inlineScriptHashes('<script type="module" src="./a.js"></script><script>draw()</script>');
    expect(scripts).toEqual([`'sha256-${createHash('sha256').update('draw()', 'utf8').digest('base64')}'`]);
    expect(contentSecurityPolicy({ scriptHashes: scripts })).toContain(`script-src 'self' ${scripts[0]};`);
    // Nothing inline in the page (no build): only our own files.
    expect(inlineStyleHashes('<div id="root"></div>')).toEqual([]);
    expect(contentSecurityPolicy()).toContain("style-src 'self';");
    expect(contentSecurityPolicy()).toContain("script-src 'self';");
  });
});
