/**
 * A CA URL or trust file the user got wrong is theirs to correct, and is said so in the
 * catalogue's words, both languages, with a remedy naming the option — before any token
 * work, PIN prompt or connection. They used to come out as the generic "unexpected
 * error" (a plain Error, ERR_INVALID_URL, ENOENT), an http:// URL as "the CA did not
 * accept the request", and `unlock` asked for the code and both PINs before saying it
 * needs a CA (whose remedy named a --ca-url option that does not exist).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runTokendesk } from '../../support/ca-server.js';

let dir: string;
const env = { ...process.env, TOKENDESK_PKCS11_MODULE: '/nonexistent/libnothing.so', TOKENDESK_CA_URL: '', TOKENDESK_CA_TRUST: '' };

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tokendesk-ca-options-'));
  writeFileSync(join(dir, 'not-a-certificate.pem'), 'hello\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const store = (args: string[]) => runTokendesk(['store', '--pins-from-stdin', '--lang', 'en', ...args], { env, input: '0123456789\nTarou123\n' });

describe('store refuses a CA it cannot use, in the catalogue\'s words', () => {
  it.each([
    ['no --ca', [], 'TD-CA-NOT-CONFIGURED', '--ca and --ca-trust'],
    ['--ca that is not a URL', ['--ca', 'notaurl'], 'TD-CA-URL-INVALID', 'https://ca.example.jp:8443'],
    ['--ca over plain http', ['--ca', 'http://127.0.0.1:8443'], 'TD-CA-URL-INVALID', 'HTTPS only'],
    ['--ca-trust that does not exist', ['--ca', 'https://127.0.0.1:1', '--ca-trust', '/nonexistent/ca.pem'], 'TD-CA-TRUST-UNREADABLE', '--ca-trust'],
    ['--ca-trust that holds no certificate', ['--ca', 'https://127.0.0.1:1', '--ca-trust', 'DIR/not-a-certificate.pem'], 'TD-CA-TRUST-UNREADABLE', '--ca-trust'],
  ])('%s', async (_name, args, code, remedyNames) => {
    const result = await store(args.map((arg) => arg.replace('DIR', dir)));
    expect(result.code, result.stderr).toBe(2);
    expect(result.stderr).toContain(`[${code}]`);
    expect(result.stderr).toContain(remedyNames);
    expect(result.stderr).not.toContain('[19999]');
    // --json: the outcome on stdout too, as info and diagnose give it.
    const json = await store([...args.map((arg) => arg.replace('DIR', dir)), '--json']);
    expect(JSON.parse(json.stdout)).toMatchObject({ error: { code } });
  });

  it('says the same in Japanese', async () => {
    const result = await runTokendesk(['store', '--pins-from-stdin', '--ca', 'http://127.0.0.1:8443'], { env, input: '' });
    expect(result.stderr).toContain('認証局のURL「http://127.0.0.1:8443」は使えません。');
  });
});

it('unlock without a CA says so before asking for the code or a PIN, naming --ca', async () => {
  // Nothing on stdin: had it asked for the unlock code first, it would have said no PIN was given.
  const result = await runTokendesk(['unlock', '--pins-from-stdin', '--lang', 'en'], { env, input: '' });
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).toContain('[TD-UNLOCK-NEEDS-CA]');
  expect(result.stderr).toContain('--ca or the environment variable TOKENDESK_CA_URL');
  expect(result.stderr).not.toContain('--ca-url');
});
