/**
 * Flow D on SoftHSM2 "cards" holding certificates built like the seeds' examples:
 * the details as e-bidding systems print them, and the card-update check — company
 * names that differ are warned about, an expired card in use is refused.
 *
 * The cards' dates are fixed and so is "today" (TODAY, injected: compareCards takes
 * it, the CLI runs with its PC clock set to it), so the results do not change with
 * the day the suite runs. Only the clock-skew cards are dated from the real clock,
 * since the CA that judges them keeps real time.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareCards, readCard } from '../../../src/core/card/index.js';
import { CLOCK_SKEW_LIMIT_MS } from '../../../src/core/ca-client/index.js';
import { openModule, type Pkcs11Module } from '../../../src/core/pkcs11/index.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import { InputError, toUserError } from '../../../src/core/messages/index.js';
import { runTokendesk, startTestCa, type TestCa } from '../../support/ca-server.js';
import { pcClockEnv } from '../../support/pc-clock.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';
import { jstEndOf, putSeedLikeCertificate } from './seed-like-certificate.js';

let hsm: SoftHsm;
let module: Pkcs11Module;
const PIN = '4711';
const DAY = 86_400_000;
/** "Today" for every comparison below but the clock-skew ones. */
const TODAY = new Date('2026-06-01T10:00:00+09:00');

beforeAll(async () => {
  hsm = createSoftHsm({ tokens: 5, userPin: PIN });
  module = await openModule(hsm.modulePath);
  const [inUse, renewed, expired, liveInUse, liveNew] = hsm.tokens;
  await putSeedLikeCertificate(module, inUse!.serial, PIN, { serialHex: '02ab', cn: 'Nyusatsu Hanako', company: 'テスト工事業者01', st: '三重県', l: '伊勢市', notBefore: new Date('2025-08-01T00:00:00+09:00'), notAfter: jstEndOf(2028, 2, 29) });
  await putSeedLikeCertificate(module, renewed!.serial, PIN, { serialHex: '0d80', cn: 'Nyusatsu Hanako', company: 'テスト工事業者02', st: '三重県', l: '伊勢市', notBefore: new Date('2026-05-31T00:00:00+09:00'), notAfter: jstEndOf(2030, 3, 31) });
  await putSeedLikeCertificate(module, expired!.serial, PIN, { serialHex: '01', cn: 'Nyusatsu Hanako', company: 'テスト工事業者01', notBefore: new Date('2024-04-01T00:00:00+09:00'), notAfter: jstEndOf(2026, 5, 31) });
  // Judged by the CA's (real) clock: dated from it.
  await putSeedLikeCertificate(module, liveInUse!.serial, PIN, { serialHex: '0a01', cn: 'Nyusatsu Hanako', company: 'テスト工事業者01', notBefore: new Date(Date.now() - 300 * DAY), notAfter: new Date(Date.now() + 60 * DAY) });
  await putSeedLikeCertificate(module, liveNew!.serial, PIN, { serialHex: '0a02', cn: 'Nyusatsu Hanako', company: 'テスト工事業者01', notBefore: new Date(Date.now() - DAY), notAfter: new Date(Date.now() + 800 * DAY) });
});
afterAll(async () => {
  await module?.release();
  hsm?.cleanup();
});

/** `tokendesk card …` on a PC whose clock reads TODAY. */
const cardCli = (args: string[], input: string) => runTokendesk(['card', ...args, '--module', hsm.modulePath, '--pins-from-stdin'], { env: pcClockEnv(hsm.env, { at: TODAY }), input });

describe('IC card details', () => {
  it('shows serial, issuer and expiry as e-bidding systems do (Ise e-bidding manual §1.4)', async () => {
    const details = await readCard(module, hsm.tokens[0]!.serial, new Secret(PIN));
    expect(details).toMatchObject({
      company: 'テスト工事業者01',
      holderName: 'Nyusatsu Hanako',
      holderAddress: '三重県 伊勢市',
      certificateSerial: '683 (10進) / 2ab (16進)',
      issuerDn: 'OU=TEST CA,O=TEST CA,C=JP',
      expiry: '2028/02/29',
    });
  });

  it('refuses a card PIN that is not half-width digits before it reaches the card', async () => {
    await expect(readCard(module, hsm.tokens[0]!.serial, new Secret('４７１１'))).rejects.toBeInstanceOf(InputError);
    await expect(readCard(module, hsm.tokens[0]!.serial, new Secret(''))).rejects.toMatchObject({ code: '10025' });
  });

  it('a wrong card PIN is the Pension e-bidding manual\'s 03002 (ログインに失敗しました), not the token\'s user-PIN text', async () => {
    const wrong = await readCard(module, hsm.tokens[2]!.serial, new Secret('9999')).catch((error: unknown) => error);
    expect(wrong).toMatchObject({ code: '03002' });
    expect(toUserError(wrong).text.ja).toBe('ログインに失敗しました。');
  });
});

describe('card update check', () => {
  it('warns when the company names differ', async () => {
    const old = await readCard(module, hsm.tokens[0]!.serial, new Secret(PIN));
    const next = await readCard(module, hsm.tokens[1]!.serial, new Secret(PIN));
    const comparison = compareCards(old, next, TODAY);
    expect(comparison.refusal).toBeUndefined();
    expect(comparison.companyDiffers).toBe(true);
    expect(comparison.warnings.map((w) => w.code)).toEqual(['TD-CARD-COMPANY-DIFFERS']);
    expect(comparison.warnings[0]!.text.ja).toContain('テスト工事業者01 / テスト工事業者02');
  });

  it('the card in use counts as valid through the last second of its expiry day (JST), not a moment longer', async () => {
    const old = await readCard(module, hsm.tokens[0]!.serial, new Secret(PIN));
    const next = await readCard(module, hsm.tokens[1]!.serial, new Secret(PIN));
    const lastSecond = jstEndOf(2028, 2, 29);
    expect(compareCards(old, next, lastSecond).refusal).toBeUndefined();
    expect(compareCards(old, next, new Date(lastSecond.getTime() + 1000)).refusal?.code).toBe('TD-CARD-EXPIRED-NEW-REGISTRATION');
  });

  it('refuses when the card in use has already expired: a new registration is needed (Nagasaki card-update manual)', async () => {
    const old = await readCard(module, hsm.tokens[2]!.serial, new Secret(PIN));
    const next = await readCard(module, hsm.tokens[1]!.serial, new Secret(PIN));
    const comparison = compareCards(old, next, TODAY);
    expect(comparison.refusal?.code).toBe('TD-CARD-EXPIRED-NEW-REGISTRATION');
  });

  it('tokendesk card compare shows both cards side by side with the warning', async () => {
    const result = await cardCli(['compare', '--old-serial', hsm.tokens[0]!.serial, '--new-serial', hsm.tokens[1]!.serial], `${PIN}\n${PIN}\n`);
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/u);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('現在使用しているICカード');
    expect(result.stdout).toMatch(/ICカード企業名称\s*\| テスト工事業者01\s*\| テスト工事業者02/u);
    expect(result.stdout).toContain('683 (10進) / 2ab (16進)');
    expect(result.stdout).toContain('TD-CARD-COMPANY-DIFFERS');
    expect(result.stdout).not.toContain(PIN);
  });

  it('tokendesk card compare refuses an expired card in use, in English too', async () => {
    const result = await cardCli(['compare', '--lang', 'en', '--old-serial', hsm.tokens[2]!.serial, '--new-serial', hsm.tokens[1]!.serial], `${PIN}\n${PIN}\n`);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('new registration');
  });

  it('tokendesk card compare refuses when run after the card in use expired, whatever day the suite runs', async () => {
    const result = await runTokendesk(
      ['card', 'compare', '--lang', 'en', '--module', hsm.modulePath, '--old-serial', hsm.tokens[0]!.serial, '--new-serial', hsm.tokens[1]!.serial, '--pins-from-stdin'],
      { env: pcClockEnv(hsm.env, { at: new Date('2028-03-01T09:00:00+09:00') }), input: `${PIN}\n${PIN}\n` },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('TD-CARD-EXPIRED-NEW-REGISTRATION');
  });
});

describe('tokendesk card show', () => {
  it('prints the rows as e-bidding systems do, and no PIN', async () => {
    const result = await cardCli(['show', '--serial', hsm.tokens[0]!.serial], `${PIN}\n`);
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/u);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^ICカード企業名称\t: テスト工事業者01$/mu);
    expect(result.stdout).toMatch(/^ICカード取得者氏名\t: Nyusatsu Hanako$/mu);
    expect(result.stdout).toMatch(/^ICカード取得者住所\t: 三重県 伊勢市$/mu);
    expect(result.stdout).toMatch(/^証明書シリアル番号\t: 683 \(10進\) \/ 2ab \(16進\)$/mu);
    expect(result.stdout).toMatch(/^証明書発行者\t: OU=TEST CA,O=TEST CA,C=JP$/mu);
    expect(result.stdout).toMatch(/^証明書有効期限\t: 2028\/02\/29$/mu);
    expect(result.stdout + result.stderr).not.toContain(PIN);
  });

  it('--json gives the same fields to a program, in English labels on request', async () => {
    const json = await cardCli(['show', '--json', '--serial', hsm.tokens[1]!.serial], `${PIN}\n`);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ cardSerial: hsm.tokens[1]!.serial, company: 'テスト工事業者02', certificateSerial: '3456 (10進) / d80 (16進)', expiry: '2030/03/31' });
    const english = await cardCli(['show', '--lang', 'en', '--serial', hsm.tokens[1]!.serial], `${PIN}\n`);
    expect(english.stdout).toMatch(/^Certificate expiry\t: 2030\/03\/31$/mu);
  });

  it('a card PIN in full-width digits is refused before it reaches the card, with the catalogue\'s words', async () => {
    const result = await cardCli(['show', '--lang', 'en', '--serial', hsm.tokens[0]!.serial], '４７１１\n');
    expect(result.code).not.toBe(0);
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/u);
    expect(result.stderr).toMatch(/What to do:/u);
    expect(result.stdout).toBe('');
  });
});

describe('card compare against the CA\'s clock (Nagasaki card-update manual)', () => {
  let ca: TestCa;
  let dir: string;
  beforeAll(async () => {
    ca = await startTestCa();
    dir = mkdtempSync(join(tmpdir(), 'tokendesk-card-ca-'));
    writeFileSync(join(dir, 'ca.pem'), ca.caCertificatePem);
  });
  afterAll(async () => {
    await ca?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const compareOn = (shiftMs: number) =>
    runTokendesk(
      ['card', 'compare', '--json', '--module', hsm.modulePath, '--old-serial', hsm.tokens[3]!.serial, '--new-serial', hsm.tokens[4]!.serial, '--pins-from-stdin', '--ca', ca.url, '--ca-trust', join(dir, 'ca.pem')],
      { env: pcClockEnv(hsm.env, { shiftMs }), input: `${PIN}\n${PIN}\n` },
    );

  it('warns when the PC clock is ahead of or behind the CA\'s by more than the limit', async () => {
    for (const shiftMs of [CLOCK_SKEW_LIMIT_MS + 30_000, -(CLOCK_SKEW_LIMIT_MS + 30_000)]) {
      const result = await compareOn(shiftMs);
      expect(result.code, result.stderr).toBe(0);
      const comparison = JSON.parse(result.stdout) as { warnings: { code: string; text: { en: string } }[] };
      expect(comparison.warnings.map((w) => w.code)).toEqual(['TD-CLOCK-SKEW']);
      expect(comparison.warnings[0]!.text.en).toMatch(/by [56] minutes/u);
    }
  });

  it('says nothing about a PC clock within the limit', async () => {
    const result = await compareOn(CLOCK_SKEW_LIMIT_MS - 30_000);
    expect(result.code, result.stderr).toBe(0);
    expect((JSON.parse(result.stdout) as { warnings: unknown[] }).warnings).toEqual([]);
  });
});
