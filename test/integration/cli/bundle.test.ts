/**
 * The `tokendesk` an install runs: bin/tokendesk.cjs loads the bundle that
 * scripts/build-cli.mjs makes (npm run build:ts), with the V8 code cache the build
 * made for it. The other CLI tests run src/ through tsx, so this one builds the bundle
 * afresh and runs its commands as separate processes: the token commands, and a CA
 * command whose server packages stay in node_modules.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openModule } from '../../../src/core/pkcs11/index.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';
import { putSeedLikeCertificate } from '../card/seed-like-certificate.js';

const REPO_ROOT = resolve(import.meta.dirname, '../../..');
const DAY = 86_400_000;
let hsm: SoftHsm;
let bundleDir: string;
let caRoot: string;

beforeAll(async () => {
  // Inside the checkout, as dist/ is: the bundle finds node_modules and package.json ("type": "module") from there.
  mkdirSync(join(REPO_ROOT, 'test-results'), { recursive: true });
  bundleDir = mkdtempSync(join(REPO_ROOT, 'test-results', 'cli-bundle-'));
  execFileSync(process.execPath, [join(REPO_ROOT, 'scripts/build-cli.mjs'), bundleDir], { cwd: REPO_ROOT, stdio: 'pipe' });
  caRoot = mkdtempSync(join(tmpdir(), 'tokendesk-bundle-ca-'));
  hsm = createSoftHsm({ tokens: 1 });
  const token = hsm.tokens[0]!;
  const module = await openModule(hsm.modulePath);
  try {
    await putSeedLikeCertificate(module, token.serial, token.userPin, { serialHex: '02ab', cn: '400156819 Souken Tarou', company: 'Souken', notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 400 * DAY) });
  } finally {
    await module.release();
  }
});
afterAll(() => {
  hsm?.cleanup();
  if (bundleDir) rmSync(bundleDir, { recursive: true, force: true });
  if (caRoot) rmSync(caRoot, { recursive: true, force: true });
});

const tokendesk = (args: string[], input = '', options: { env?: NodeJS.ProcessEnv; nodeArgs?: string[] } = {}) => {
  const run = spawnSync(process.execPath, [...(options.nodeArgs ?? []), join(bundleDir, 'tokendesk.cjs'), ...args], {
    cwd: REPO_ROOT,
    env: { ...hsm.env, ...options.env },
    input,
    encoding: 'utf8',
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};

it('lists every command', () => {
  const help = tokendesk(['--help']);
  expect(help.code, help.stderr).toBe(0);
  for (const command of ['tokens', 'store', 'ca', 'info', 'diagnose', 'card']) expect(help.stdout).toContain(command);
});

it('lists the tokens and reads the device information after the user PIN', () => {
  const tokens = tokendesk(['tokens', '--module', hsm.modulePath, '--json']);
  expect(tokens.code, tokens.stderr).toBe(0);
  expect(JSON.parse(tokens.stdout)).toMatchObject([{ serial: hsm.tokens[0]!.serial, manufacturer: 'SoftHSM project' }]);

  const info = tokendesk(['info', '--module', hsm.modulePath, '--pins-from-stdin', '--json', '--lang', 'en'], `${hsm.tokens[0]!.userPin}\n`);
  expect(info.code, info.stderr).toBe(0);
  expect(JSON.parse(info.stdout)).toMatchObject({ ownerName: 'Souken Tarou', userId: '400156819', company: 'Souken', health: 'healthy', token: { serial: hsm.tokens[0]!.serial } });
});

it('says what is wrong, in the catalogue\'s words, when the library cannot be loaded', () => {
  const info = tokendesk(['info', '--module', join(caRoot, 'missing.so'), '--pins-from-stdin', '--lang', 'en'], 'user1234\n');
  expect(info.code).toBe(1);
  expect(info.stderr).toMatch(/TD-/u);
  expect(info.stderr).not.toMatch(/\n\s+at /u);
});

it('runs a CA command, whose server packages load from node_modules', () => {
  const init = tokendesk(['ca', 'init', '--data', join(caRoot, 'ca'), '--json']);
  expect(init.code, init.stderr).toBe(0);
  expect(JSON.parse(init.stdout)).toMatchObject({ dataDir: join(caRoot, 'ca') });
});

it('compiles the bundle from the code cache the build made, not from source', () => {
  const info = tokendesk(['info', '--module', join(caRoot, 'missing.so'), '--pins-from-stdin', '--lang', 'en'], 'user1234\n', { env: { TOKENDESK_DEBUG: '1' } });
  expect(info.code).toBe(1);
  expect(info.stderr).toContain('code cache: used');
});

it('loads no HTTPS client for `info` without a CA', () => {
  // Node's own list of the built-in modules the process loaded, as the run ends.
  const probe = join(bundleDir, 'loaded-builtins.cjs');
  writeFileSync(probe, "process.on('exit', () => process.stderr.write(`builtins: ${process.moduleLoadList.filter((m) => m.startsWith('NativeModule ')).join(',')}\\n`));\n");
  const info = tokendesk(['info', '--module', hsm.modulePath, '--pins-from-stdin', '--json', '--lang', 'en'], `${hsm.tokens[0]!.userPin}\n`, { nodeArgs: ['--require', probe] });
  expect(info.code, info.stderr).toBe(0);
  const loaded = /builtins: (.*)/u.exec(info.stderr)?.[1]?.split(',') ?? [];
  expect(loaded).toContain('NativeModule crypto');
  expect(loaded.filter((name) => /^NativeModule (https|tls|_http_client|_tls_wrap)$/u.test(name))).toEqual([]);
});

it('still runs, compiled from source, when the code cache is not its own (another Node, a damaged file)', () => {
  const cache = join(bundleDir, 'cli.cjs.v8cache');
  copyFileSync(cache, `${cache}.kept`);
  try {
    writeFileSync(cache, Buffer.alloc(4096, 7));
    const info = tokendesk(['info', '--module', hsm.modulePath, '--pins-from-stdin', '--json', '--lang', 'en'], `${hsm.tokens[0]!.userPin}\n`, { env: { TOKENDESK_DEBUG: '1' } });
    expect(info.code, info.stderr).toBe(0);
    expect(info.stderr).toContain('code cache: rejected');
    expect(JSON.parse(info.stdout)).toMatchObject({ ownerName: 'Souken Tarou', health: 'healthy' });
  } finally {
    copyFileSync(`${cache}.kept`, cache);
  }
});

it('is ASCII only (one byte a character in V8), and its Japanese still reads as Japanese', () => {
  expect(readFileSync(join(bundleDir, 'cli.cjs'), 'latin1')).not.toMatch(/[^\0-\x7f]/u);
  const info = tokendesk(['info', '--module', hsm.modulePath, '--pins-from-stdin', '--lang', 'ja'], `${hsm.tokens[0]!.userPin}\n`);
  expect(info.code, info.stderr).toBe(0);
  expect(info.stdout).toContain('所有者名：Souken Tarou');
});
