/**
 * `--lang` is checked the same way by every command that takes it (src/cli/options.ts):
 * a language other than ja or en is refused in both languages, exit code 2, before
 * any library, token or CA is touched. `store` used to take anything as Japanese.
 */
import { expect, it } from 'vitest';
import { runTokendesk } from '../../support/ca-server.js';

const commands = ['info', 'diagnose', 'card show', 'card compare', 'store'];

it.each(commands)('%s refuses --lang fr with exit code 2 and the same words', async (command) => {
  const env = { ...process.env, TOKENDESK_PKCS11_MODULE: '/nonexistent/libnothing.so', TOKENDESK_CA_URL: '' };
  const result = await runTokendesk([...command.split(' '), '--lang', 'fr', '--pins-from-stdin'], { env, input: '' });
  expect(result.code, result.stderr).toBe(2);
  expect(result.stderr).toBe('--lang は ja か en を指定してください（指定値: fr） / --lang must be ja or en (got fr)\n');
  expect(result.stdout).toBe('');
});
