/**
 * Flow C in the browser: a native eToken sim token locked by wrong PINs (typed
 * through pkcs11-tool, a third party), diagnosed in one press; the verdict names
 * the lock with the seed's words and remedy, and the report can be copied and saved.
 * The report never holds a user PIN typed into TokenDesk's own field — on the locked
 * token and on a healthy one, where the PIN really logs in.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { checkScreen } from './support/check-screen.js';
import { expect, test } from './support/fixtures.js';

test('helpdesk diagnosis of a locked eToken sim token', async ({ page, context, startApp }) => {
  const app = await startApp({ token: 'sim', maxRetries: 3, provision: false });
  const sim = app.sim!;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const wrong = spawnSync('pkcs11-tool', ['--module', sim.modulePath, '--slot-index', '0', '--login', '--pin', '99999999', '--list-objects'], {
      env: sim.env,
      encoding: 'utf8',
    });
    expect(wrong.status).not.toBe(0);
  }
  const flags = spawnSync('pkcs11-tool', ['--module', sim.modulePath, '-L'], { env: sim.env, encoding: 'utf8' }).stdout;
  expect(flags).toContain('user PIN locked');

  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'ヘルプデスク診断' }).click();
  await checkScreen(page, '12-helpdesk');
  // A PIN typed into TokenDesk itself (the wrong ones above went to pkcs11-tool).
  await page.getByLabel('ユーザーPIN', { exact: true }).fill('31415926');
  await page.getByRole('button', { name: '診断する' }).click();

  const result = page.locator('[data-result="diagnosis"]');
  // The answer comes fast; a refusal (the screen's own error box) fails here with its code.
  await expect(page.locator('[data-result="diagnosis"], section.screen > .message').first()).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('section.screen > .message'), 'the screen shows no error').toHaveCount(0, { timeout: 1_000 });
  await expect(result).toBeVisible();
  const verdict = result.getByRole('alert').first();
  await expect(verdict).toContainText('USBトークンがロックされています。');
  await expect(verdict).toContainText('対処');
  await expect(result.locator('[data-outcome="fail"]').first()).toBeVisible();
  const report = page.getByLabel('認証局運用管理者へ送る報告');
  await expect(report).toHaveValue(new RegExp(app.tokenSerial));
  await expect(report).not.toHaveValue(/31415926/);
  await expect(page.locator('body')).not.toContainText('31415926');
  await checkScreen(page, '13-helpdesk-locked');

  await page.getByRole('button', { name: 'コピー' }).click();
  await expect(page.getByText('コピーしました')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await report.inputValue());

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'ファイルに保存' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^tokendesk-report-\d{4}-\d{2}-\d{2}\.txt$/);
  const saved = readFileSync((await download.path())!, 'utf8');
  expect(saved).toBe(await report.inputValue());
});

test('a user PIN typed into the helpdesk screen logs in, and is in no report', async ({ page, context, startApp }) => {
  const PIN = 'Qz7xK2pw';
  const app = await startApp({
    provision: false,
    userPin: PIN,
    card: { serialHex: '02ab', cn: '400156819 Souken Tarou', company: 'Souken', notBefore: new Date(Date.now() - 86_400_000), notAfter: new Date(Date.now() + 400 * 86_400_000) },
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(app.url).origin });
  await page.goto(app.url);
  await page.getByRole('button', { name: 'ヘルプデスク診断' }).click();
  const field = page.getByLabel('ユーザーPIN', { exact: true });
  await field.fill(PIN);
  await page.getByRole('button', { name: '診断する' }).click();
  await expect(page.locator('[data-result="diagnosis"]')).toBeVisible({ timeout: 30_000 });
  await expect(field).toHaveValue('');

  const report = page.getByLabel('認証局運用管理者へ送る報告');
  // The PIN was used: the report says it logged in with it.
  await expect(report).toHaveValue(/ユーザーPINを使って確認しました/u);
  await expect(report).toHaveValue(new RegExp(app.tokenSerial));
  const text = await report.inputValue();
  expect(text).not.toContain(PIN);
  expect(await page.content()).not.toContain(PIN);

  await page.getByRole('button', { name: 'コピー' }).click();
  await expect(page.getByText('コピーしました')).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).not.toContain(PIN);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'ファイルに保存' }).click()]);
  expect(readFileSync((await download.path())!, 'utf8')).not.toContain(PIN);
});
