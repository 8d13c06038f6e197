/**
 * The browser build takes the bridge's launch secret from its URL and takes it
 * out of the address bar at once, keeping it for reloads in this tab only.
 */
import { describe, expect, it } from 'vitest';
import { keepLaunchSecret, stripLaunchSecret, type SecretScope } from '../../../src/app/renderer/api/launch-secret.js';

/** What the renderer does with the two halves: strip at once (first-frame/draw-first-frame.ts, the page's inline script, before the first frame), keep after the first paint (open-api.ts). */
const takeLaunchSecret = (scope: SecretScope) => keepLaunchSecret(stripLaunchSecret(scope), scope);

function scope(hash: string, search = '', stored?: string) {
  const storage = new Map<string, string>(stored ? [['tokendesk.launchSecret', stored]] : []);
  const replaced: string[] = [];
  const made: SecretScope = {
    location: { hash, search, pathname: '/' },
    history: { replaceState: (_data: unknown, _unused: string, url?: string | URL | null) => void replaced.push(String(url)) },
    sessionStorage: { getItem: (key) => storage.get(key) ?? null, setItem: (key, value) => void storage.set(key, value) },
  };
  return { made, storage, replaced };
}

describe('the launch secret', () => {
  it('reads #secret=… and strips it from the address bar', () => {
    const page = scope('#secret=abc_DEF-123');
    expect(takeLaunchSecret(page.made)).toBe('abc_DEF-123');
    expect(page.replaced).toEqual(['/']);
    expect(page.storage.get('tokendesk.launchSecret')).toBe('abc_DEF-123');
  });

  it('reads ?secret=… too and keeps the other query parameters', () => {
    const page = scope('', '?lang=en&secret=s3cr3t');
    expect(takeLaunchSecret(page.made)).toBe('s3cr3t');
    expect(page.replaced).toEqual(['/?lang=en']);
  });

  it('after a reload (no secret in the URL) uses the one this tab kept, and touches no history', () => {
    const page = scope('', '', 'kept');
    expect(takeLaunchSecret(page.made)).toBe('kept');
    expect(page.replaced).toEqual([]);
  });

  it('has none when opened without the printed URL', () => {
    expect(takeLaunchSecret(scope('').made)).toBeUndefined();
  });

  it('takes the secret out of the address bar without touching storage (the renderer does that before its first paint)', () => {
    const page = scope('#secret=abc');
    const untouchable = { ...page.made, sessionStorage: { getItem: () => expect.fail('read storage'), setItem: () => expect.fail('wrote storage') } };
    expect(stripLaunchSecret(untouchable)).toBe('abc');
    expect(page.replaced).toEqual(['/']);
    expect(stripLaunchSecret(scope('').made)).toBeUndefined();
  });
});
