/**
 * Commander's own refusals — an unknown command or option, an option without its value,
 * a required option missing — used to be one English line ("error: unknown option
 * '--bogus'") with exit code 1, while every other refused input is worded in the
 * catalogue, both languages, with a remedy, and exits 2 (run.ts).
 */
import { expect, it } from 'vitest';
import { runTokendesk } from '../../support/ca-server.js';

const env = { ...process.env, TOKENDESK_PKCS11_MODULE: '/nonexistent/libnothing.so' };

it.each([
  ['tokens --bogus --lang en', "unknown option '--bogus'"],
  ['bogus --lang en', "unknown command 'bogus'"],
  ['info --lang', "option '--lang <lang>' argument missing"],
  ['ca app add --lang en', "required option '--kind <kind>' not specified"],
])('%s: the catalogue\'s words, exit code 2', async (command, detail) => {
  const result = await runTokendesk(command.split(' '), { env, input: '' });
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).toContain('[TD-CLI-USAGE]');
  expect(result.stderr).toContain(detail);
  expect(result.stderr).not.toMatch(/^error: /mu);
});

it('in Japanese by default, and --help still exits 0', async () => {
  const refused = await runTokendesk(['tokens', '--bogus'], { env, input: '' });
  expect(refused.stderr).toContain("コマンドの指定に誤りがあります（unknown option '--bogus'）。");
  expect(refused.stderr).toContain('tokendesk --help で使い方を確認してください');
  expect((await runTokendesk(['info', '--help'], { env, input: '' })).code).toBe(0);
});
