/**
 * The user's answers per origin: expiry, revocation, "once", the denial wait that
 * doubles, persistence of "always" only (0600), and the CA's policy file, whose
 * bad entries stop the start with a clear message.
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InputError, toUserError } from '../../../src/core/messages/index.js';
import { ConsentStore } from '../../../src/device-module/consent-store.js';
import { PromptDesk } from '../../../src/device-module/prompt-desk.js';
import { parsePolicy, readPolicyFile, systemPolicyFile } from '../../../src/device-module/policy-file.js';
import { createPortalDesk } from '../../../src/device-module/index.js';
import { PRODUCT } from '../../../src/device-module/product.js';
import { isServableOrigin } from '../../../src/device-module/origin-rules.js';

const DAY = 24 * 60 * 60 * 1000;
let dir: string;
let now: number;
const clock = () => now;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokendesk-consent-'));
  now = Date.UTC(2026, 0, 1);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('ConsentStore', () => {
  it('keeps "always" for 90 days by default, then forgets it', () => {
    const store = new ConsentStore({ now: clock });
    const grant = store.grant('https://portal.ca.example.jp', 'always');
    expect(grant.expiresAt - grant.grantedAt).toBe(90 * DAY);
    now += 90 * DAY - 1;
    expect(store.allowed('https://portal.ca.example.jp')).toBe(true);
    now += 1;
    expect(store.allowed('https://portal.ca.example.jp')).toBe(false);
    expect(store.list()).toEqual([]);
  });

  it('takes a configured lifetime', () => {
    const store = new ConsentStore({ now: clock, grantDays: 7 });
    expect(store.grant('https://a.example', 'always').expiresAt).toBe(now + 7 * DAY);
  });

  it('revokes at once and tells the listeners', () => {
    const store = new ConsentStore({ now: clock });
    const told: string[] = [];
    store.onRevoke((origin) => told.push(origin));
    store.grant('https://a.example', 'always');
    store.revoke('https://a.example');
    expect(store.allowed('https://a.example')).toBe(false);
    expect(told).toEqual(['https://a.example']);
  });

  it('"once" ends with the last page holding it', () => {
    const store = new ConsentStore({ now: clock });
    store.grant('https://a.example', 'once');
    store.holdOnce('https://a.example');
    store.holdOnce('https://a.example');
    store.endOnce('https://a.example');
    expect(store.allowed('https://a.example')).toBe(true);
    store.endOnce('https://a.example');
    expect(store.allowed('https://a.example')).toBe(false);
  });

  it('"once" ends with the page and never weakens an "always"', () => {
    const store = new ConsentStore({ now: clock });
    store.grant('https://a.example', 'once');
    expect(store.list()).toMatchObject([{ origin: 'https://a.example', kind: 'once' }]);
    store.endOnce('https://a.example');
    expect(store.allowed('https://a.example')).toBe(false);
    store.grant('https://b.example', 'always');
    store.grant('https://b.example', 'once');
    store.endOnce('https://b.example');
    expect(store.list()).toMatchObject([{ origin: 'https://b.example', kind: 'always' }]);
  });

  it('makes a denied origin wait, twice as long after each denial, at most an hour', () => {
    const store = new ConsentStore({ now: clock, denyWaitMs: 60_000 });
    expect(store.deny('https://a.example')).toBe(60_000);
    expect(store.waitMs('https://a.example')).toBe(60_000);
    now += 30_000;
    expect(store.waitMs('https://a.example')).toBe(30_000);
    now += 30_000;
    expect(store.waitMs('https://a.example')).toBe(0);
    expect(store.deny('https://a.example')).toBe(120_000);
    for (let i = 0; i < 10; i++) store.deny('https://a.example');
    expect(store.waitMs('https://a.example')).toBe(60 * 60 * 1000);
    expect(store.waitMs('https://b.example')).toBe(0);
  });

  it('records the last use', () => {
    const store = new ConsentStore({ now: clock });
    store.grant('https://a.example', 'always');
    now += 5000;
    store.touch('https://a.example');
    expect(store.list()[0]?.lastUsedAt).toBe(now);
  });

  it('writes a grant\'s last use when it is a minute newer than the file\'s, not on every call; the rest when the desk closes', () => {
    const file = join(dir, 'portal-grants.json');
    const onDisk = () => (JSON.parse(readFileSync(file, 'utf8')) as { grants: Array<{ lastUsedAt?: number }> }).grants[0]?.lastUsedAt;
    const store = new ConsentStore({ now: clock, file });
    const desk = new PromptDesk(store, { now: clock });
    store.grant('https://a.example', 'always');
    const first = (now += 1000);
    store.touch('https://a.example');
    expect(onDisk()).toBe(first);
    now += 30_000;
    store.touch('https://a.example'); // a page's next call, half a minute later: no write
    expect(onDisk()).toBe(first);
    expect(store.list()[0]?.lastUsedAt).toBe(now);
    now += 30_000;
    store.touch('https://a.example');
    expect(onDisk()).toBe(now);
    now += 5000;
    store.touch('https://a.example');
    desk.close();
    expect(onDisk()).toBe(now);
    expect(new ConsentStore({ now: clock, file }).list()[0]?.lastUsedAt).toBe(now);
  });

  it('persists "always" grants only, in a file only the user can read, and reads them back', () => {
    const file = join(dir, 'grants', 'portal-grants.json');
    const store = new ConsentStore({ now: clock, file });
    store.grant('https://a.example', 'always');
    store.grant('https://b.example', 'once');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain('b.example');
    const reopened = new ConsentStore({ now: clock, file });
    expect(reopened.list().map((grant) => grant.origin)).toEqual(['https://a.example']);
    reopened.revoke('https://a.example');
    expect(new ConsentStore({ now: clock, file }).list()).toEqual([]);
  });

  it('ignores entries of a tampered file that are not grants for servable origins', () => {
    const file = join(dir, 'portal-grants.json');
    writeFileSync(file, JSON.stringify({ grants: [{ origin: 'http://evil.example', kind: 'always', grantedAt: now, expiresAt: now + DAY }, { origin: 'https://ok.example', kind: 'always', grantedAt: now, expiresAt: now + DAY }, 'x'] }));
    expect(new ConsentStore({ now: clock, file }).list().map((grant) => grant.origin)).toEqual(['https://ok.example']);
  });

  it('marks pre-listed origins (they still need the user\'s yes)', () => {
    const store = new ConsentStore({ now: clock, policy: ['https://portal.ca.example.jp'] });
    expect(store.preListed('https://portal.ca.example.jp')).toBe(true);
    expect(store.allowed('https://portal.ca.example.jp')).toBe(false);
    expect(store.grant('https://portal.ca.example.jp', 'always').preListed).toBe(true);
  });
});

describe('policy file', () => {
  it('reads exact https origins', () => {
    const file = join(dir, 'policy.json');
    writeFileSync(file, JSON.stringify({ origins: ['https://portal.ca.example.jp', 'https://portal.ca.example.jp:8443'] }));
    expect(readPolicyFile(file)).toEqual(['https://portal.ca.example.jp', 'https://portal.ca.example.jp:8443']);
  });

  it.each([
    ['http://portal.ca.example.jp', 'not https://'],
    ['https://portal.ca.example.jp/', 'trailing slash'],
    ['https://portal.ca.example.jp/apply', 'path'],
    ['*.ca.example.jp', 'not a URL'],
    ['https://*.ca.example.jp', 'not a URL'],
  ])('refuses %s with a clear message naming the entry', (entry, reason) => {
    let thrown: unknown;
    try {
      parsePolicy(JSON.stringify({ origins: ['https://good.example', entry] }), '/etc/tokendesk/portal-policy.json');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(InputError);
    const message = toUserError(thrown);
    expect(message.code).toBe('TD-PORTAL-POLICY-INVALID');
    expect(message.cause.en).toContain(entry);
    expect(message.cause.en).toContain('/etc/tokendesk/portal-policy.json');
    expect(message.cause.en.toLowerCase()).toMatch(new RegExp(reason.split(' ')[0]!.replace('*', '\\*')));
    expect(message.cause.ja).toContain(entry);
    expect(message.remedy.ja).toContain('https://');
  });

  it('refuses a file that is not JSON or has no list', () => {
    expect(() => parsePolicy('origins: x', 'p.json')).toThrow(InputError);
    expect(() => parsePolicy('{"hosts": []}', 'p.json')).toThrow(InputError);
    expect(() => readPolicyFile(join(dir, 'missing.json'))).toThrow(InputError);
  });
});

it('hello names the version in package.json', () => {
  const pkg = JSON.parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'package.json'), 'utf8')) as { version: string };
  expect(PRODUCT.version).toBe(pkg.version);
});

describe('which origins may connect at all', () => {
  it.each([
    ['https://portal.ca.example.jp', true],
    ['https://portal.ca.example.jp:8443', true],
    ['http://127.0.0.1:5173', true],
    ['http://localhost:8080', true],
    ['http://portal.ca.example.jp', false],
    ['https://portal.ca.example.jp/', false],
    ['https://*.example.jp', false],
    ['null', false],
    ['file://', false],
    ['chrome-extension://abcdef', false],
    [undefined, false],
  ])('%s → %s', (origin, servable) => {
    expect(isServableOrigin(origin)).toBe(servable);
  });
});

describe('the machine-wide policy file', () => {
  it('is found through $TOKENDESK_PORTAL_POLICY, or in the platform\'s place, and used by every host', () => {
    const file = join(dir, 'portal-policy.json');
    expect(systemPolicyFile({ TOKENDESK_PORTAL_POLICY: file }, 'linux')).toBeUndefined(); // not there yet
    writeFileSync(file, JSON.stringify({ origins: ['https://portal.ca.example.jp'] }));
    expect(systemPolicyFile({ TOKENDESK_PORTAL_POLICY: file }, 'linux')).toBe(file);
    const before = process.env.TOKENDESK_PORTAL_POLICY;
    process.env.TOKENDESK_PORTAL_POLICY = file;
    try {
      expect(createPortalDesk().consent.preListed('https://portal.ca.example.jp')).toBe(true);
      writeFileSync(file, JSON.stringify({ origins: ['http://portal.ca.example.jp'] }));
      expect(() => createPortalDesk()).toThrow(InputError);
    } finally {
      if (before === undefined) delete process.env.TOKENDESK_PORTAL_POLICY;
      else process.env.TOKENDESK_PORTAL_POLICY = before;
    }
  });
});
