/**
 * Flow F in the browser (CA manual §12.1 row 6, done at the contractor's desk): a
 * CA-managed eToken sim token holding a certificate is locked by wrong PINs (typed
 * through pkcs11-tool, a third party); the helpdesk diagnosis says locked and offers
 * ロック解除; the operator's one-time unlock code and a new user PIN twice → the CA
 * releases the SO PIN, the token sets the new PIN, and the diagnosis run again with it
 * says healthy — the key signed for the same certificate. Then the final-try question:
 * two wrong PINs later the next try would lock, and the screen asks instead of trying.
 */
import { spawnSync } from 'node:child_process';
import { checkScreen } from './support/check-screen.js';
import { expect, test } from './support/fixtures.js';
import { storeThroughApi } from './support/store-through-api.js';

test('helpdesk: a locked token is unlocked through the CA, then the final try is asked about', async ({ page, startApp }) => {
  const app = await startApp({ token: 'sim', maxRetries: 3 });
  const sim = app.sim!;
  await storeThroughApi(app, 'Abcd1234');
  const wrongLogin = () =>
    spawnSync('pkcs11-tool', ['--module', sim.modulePath, '--slot-index', '0', '--login', '--pin', '99999999', '--list-objects'], { env: sim.env, encoding: 'utf8' });
  for (let attempt = 0; attempt < 3; attempt += 1) expect(wrongLogin().status).not.toBe(0);
  expect(spawnSync('pkcs11-tool', ['--module', sim.modulePath, '-L'], { env: sim.env, encoding: 'utf8' }).stdout).toContain('user PIN locked');

  await page.goto(app.url);
  await page.getByRole('button', { name: 'ヘルプデスク診断' }).click();
  await page.getByRole('button', { name: '診断する' }).click();
  const result = page.locator('[data-result="diagnosis"]');
  await expect(result).toHaveAttribute('data-verdict', 'locked', { timeout: 30_000 });

  await page.getByRole('button', { name: 'ロック解除' }).click();
  const issued = await app.ca.cli(['ca', 'token', 'unlock-code', '--serial', app.tokenSerial, '--json']);
  expect(issued.code, issued.stderr).toBe(0);
  const { code } = JSON.parse(issued.stdout) as { code: string };
  const form = page.locator('[data-form="unlock"]');
  await form.getByRole('textbox', { name: 'ロック解除コード（10桁）' }).fill(code);
  await form.getByRole('textbox', { name: '新しいユーザーPIN', exact: true }).fill('Wxyz5678');
  await form.getByRole('textbox', { name: '新しいユーザーPIN（確認）' }).fill('Wxyz5678');
  await checkScreen(page, '20-helpdesk-unlock-form');
  await form.getByRole('button', { name: 'ロックを解除' }).click();

  await expect(page.locator('[data-status="unlocked"]')).toBeVisible({ timeout: 30_000 });
  await expect(result).toHaveAttribute('data-verdict', 'healthy');
  await expect(result.locator('[data-check="keyPair"]')).toHaveAttribute('data-outcome', 'pass');
  const report = page.getByLabel('認証局運用管理者へ送る報告');
  await expect(report).not.toHaveValue(new RegExp(code));
  await expect(report).toHaveValue(/残り 3 回 \/ 3 回/u);
  await checkScreen(page, '21-helpdesk-unlocked');

  // Two wrong PINs later, one try is left: the screen asks before using it, and Cancel spends nothing.
  for (let attempt = 0; attempt < 2; attempt += 1) expect(wrongLogin().status).not.toBe(0);
  await page.locator('#helpdesk-user-pin').fill('Wxyz5678');
  await page.getByRole('button', { name: '診断する' }).click();
  const dialog = page.getByRole('alertdialog', { name: '残り1回です' });
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(dialog).not.toContainText('--');
  await checkScreen(page, '22-final-try-question');
  await dialog.getByRole('button', { name: 'やめる（入力したPINを消去）' }).click();
  await expect(dialog).toBeHidden();
  expect(spawnSync('pkcs11-tool', ['--module', sim.modulePath, '-L'], { env: sim.env, encoding: 'utf8' }).stdout).toContain('final user PIN try');

  // Asked again, and this time confirmed: the right PIN on the last try logs in.
  await page.locator('#helpdesk-user-pin').fill('Wxyz5678');
  await page.getByRole('button', { name: '診断する' }).click();
  await dialog.getByRole('button', { name: 'このPINで続ける' }).click();
  await expect(result).toHaveAttribute('data-verdict', 'healthy', { timeout: 30_000 });
  await expect(result.locator('[data-check="userLogin"]')).toHaveAttribute('data-outcome', 'pass');
});
