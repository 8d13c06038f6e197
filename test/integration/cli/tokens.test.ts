/** `tokendesk tokens` as a user runs it: a separate process, the real module. */
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';

let hsm: SoftHsm;
beforeAll(() => {
  hsm = createSoftHsm({ tokens: 2 });
});
afterAll(() => hsm?.cleanup());

const tokendesk = (args: string[]) =>
  execFileSync('npx', ['tsx', 'src/cli/main.ts', ...args], { env: hsm.env, encoding: 'utf8' });

describe('tokendesk tokens', () => {
  it('lists the tokens present as JSON with serial and PIN state', () => {
    const tokens = JSON.parse(tokendesk(['tokens', '--module', hsm.modulePath, '--json'])) as Array<Record<string, unknown>>;
    expect(tokens.map((t) => t.serial).sort()).toEqual(hsm.tokens.map((t) => t.serial).sort());
    for (const token of tokens) {
      expect(token).toMatchObject({ manufacturer: 'SoftHSM project', model: 'SoftHSM v2', pinState: 'ok' });
      expect(token).toHaveProperty('label');
    }
  });

  it('prints a table for people', () => {
    const table = tokendesk(['tokens', '--module', hsm.modulePath]);
    for (const token of hsm.tokens) expect(table).toContain(token.serial);
    expect(table).toContain('正常');
    expect(table).not.toMatch(/\bok\b/u);
  });

  it('lines its columns up as a terminal draws them, Japanese headings (two columns a character) included', () => {
    for (const lang of ['ja', 'en']) {
      const [heading, ...rows] = tokendesk(['tokens', '--module', hsm.modulePath, '--lang', lang]).trimEnd().split('\n');
      // Where each column starts on screen: wide characters take two columns.
      const starts = (line: string) => [...line.matchAll(/(?<=\s{2})\S/gu)].map((match) => [...line.slice(0, match.index)].reduce((width, char) => width + (/[\u3000-\u30ff\u4e00-\u9fff\uff00-\uffef]/u.test(char) ? 2 : 1), 0));
      expect(heading, lang).toMatch(lang === 'ja' ? /ラベル$/u : /Label$/u);
      for (const row of rows) expect(starts(row).slice(0, 4), `${lang}: ${row}`).toEqual(starts(heading!).slice(0, 4));
    }
  });

  it('finds the module from TOKENDESK_PKCS11_MODULE', () => {
    const out = execFileSync('npx', ['tsx', 'src/cli/main.ts', 'tokens', '--json'], {
      env: { ...hsm.env, TOKENDESK_PKCS11_MODULE: hsm.modulePath },
      encoding: 'utf8',
    });
    expect(JSON.parse(out)).toHaveLength(2);
  });

  it('fails with a message and a non-zero exit, not a stack trace, when the library is missing', () => {
    let failure: { status?: number; stderr?: string } = {};
    try {
      tokendesk(['tokens', '--module', '/nonexistent/libnothing.so']);
    } catch (error) {
      failure = error as typeof failure;
    }
    expect(failure.status).toBe(1);
    expect(failure.stderr).toContain('/nonexistent/libnothing.so');
    expect(failure.stderr).not.toMatch(/\n\s+at /);
  });
});
