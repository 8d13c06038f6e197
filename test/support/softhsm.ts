/**
 * A fresh SoftHSM2 for one test file: its own SOFTHSM2_CONF and token directory in
 * a temp dir, tokens initialized with softhsm2-util (a third party, so the core is
 * not testing itself), all removed by cleanup().
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SOFTHSM_MODULE = process.env.TOKENDESK_TEST_SOFTHSM ?? '/usr/lib/softhsm/libsofthsm2.so';

export interface TestToken {
  serial: string;
  label: string;
  soPin: string;
  userPin: string;
}

export interface SoftHsm {
  root: string;
  conf: string;
  tokenDir: string;
  modulePath: string;
  env: NodeJS.ProcessEnv;
  tokens: TestToken[];
  addToken(options?: Partial<Omit<TestToken, 'serial'>>): TestToken;
  cleanup(): void;
}

export function createSoftHsm(
  options: { tokens?: number; soPin?: string; userPin?: string; label?: string; setProcessEnv?: boolean | undefined } = {},
): SoftHsm {
  const root = mkdtempSync(join(tmpdir(), 'tokendesk-softhsm-'));
  const tokenDir = join(root, 'tokens');
  mkdirSync(tokenDir);
  const conf = join(root, 'softhsm2.conf');
  writeFileSync(conf, `directories.tokendir = ${tokenDir}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n`);
  const env = { ...process.env, SOFTHSM2_CONF: conf };
  if (options.setProcessEnv !== false) process.env.SOFTHSM2_CONF = conf;

  const tokens: TestToken[] = [];
  const addToken = (overrides: Partial<Omit<TestToken, 'serial'>> = {}): TestToken => {
    const token = {
      label: overrides.label ?? `${options.label ?? 'TokenDesk test'} ${tokens.length + 1}`,
      soPin: overrides.soPin ?? options.soPin ?? '12345678',
      userPin: overrides.userPin ?? options.userPin ?? 'user1234',
    };
    const out = execFileSync(
      'softhsm2-util',
      ['--init-token', '--free', '--label', token.label, '--so-pin', token.soPin, '--pin', token.userPin],
      { env, encoding: 'utf8' },
    );
    const serial = execFileSync('softhsm2-util', ['--show-slots'], { env, encoding: 'utf8' })
      .split(/\n(?=Slot )/u)
      .filter((block) => block.includes(`Label:            ${token.label}`))
      .map((block) => /Serial number:\s+(\S+)/u.exec(block)?.[1])
      .find(Boolean);
    if (!serial) throw new Error(`softhsm2-util initialized no token: ${out}`);
    // As TokenDesk shows it (upper-case hex); softhsm2-util prints it in lower case.
    const created = { ...token, serial: serial.toUpperCase() };
    tokens.push(created);
    return created;
  };
  for (let i = 0; i < (options.tokens ?? 1); i += 1) addToken();

  return {
    root,
    conf,
    tokenDir,
    modulePath: SOFTHSM_MODULE,
    env,
    tokens,
    addToken,
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
