/**
 * Flow D on SoftHSM2 "cards" holding certificates built like the seeds' examples:
 * the details as e-bidding systems print them, and the card-update check — company
 * names that differ are warned about, an expired card in use is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compareCards, readCard } from '../../../src/core/card/index.js';
import { openModule, type Pkcs11Module } from '../../../src/core/pkcs11/index.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import { InputError, toUserError } from '../../../src/core/messages/index.js';
import { runTokendesk } from '../../support/ca-server.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';
import { jstEndOf, putSeedLikeCertificate } from './seed-like-certificate.js';

let hsm: SoftHsm;
let module: Pkcs11Module;
const PIN = '4711';

beforeAll(async () => {
  hsm = createSoftHsm({ tokens: 3, userPin: PIN });
  module = await openModule(hsm.modulePath);
  const [inUse, renewed, expired] = hsm.tokens;
  await putSeedLikeCertificate(module, inUse!.serial, PIN, { serialHex: '02ab', cn: 'Nyusatsu Hanako', company: 'テスト工事業者01', st: '三重県', l: '伊勢市', notBefore: new Date(Date.now() - 300 * 86_400_000), notAfter: jstEndOf(2028, 2, 29) });
  await putSeedLikeCertificate(module, renewed!.serial, PIN, { serialHex: '0d80', cn: 'Nyusatsu Hanako', company: 'テスト工事業者02', st: '三重県', l: '伊勢市', notBefore: new Date(Date.now() - 86_400_000), notAfter: jstEndOf(2030, 3, 31) });
  await putSeedLikeCertificate(module, expired!.serial, PIN, { serialHex: '01', cn: 'Nyusatsu Hanako', company: 'テスト工事業者01', notBefore: new Date(Date.now() - 800 * 86_400_000), notAfter: new Date(Date.now() - 86_400_000) });
});
afterAll(async () => {
  await module?.release();
  hsm?.cleanup();
});

describe('IC card details', () => {
  it('shows serial, issuer and expiry as e-bidding systems do (seed 004 §1.4)', async () => {
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

  it('a wrong card PIN is seed 001\'s 03002 (ログインに失敗しました), not the token\'s user-PIN text', async () => {
    const wrong = await readCard(module, hsm.tokens[2]!.serial, new Secret('9999')).catch((error: unknown) => error);
    expect(wrong).toMatchObject({ code: '03002' });
    expect(toUserError(wrong).text.ja).toBe('ログインに失敗しました。');
  });
});

describe('card update check', () => {
  it('warns when the company names differ', async () => {
    const old = await readCard(module, hsm.tokens[0]!.serial, new Secret(PIN));
    const next = await readCard(module, hsm.tokens[1]!.serial, new Secret(PIN));
    const comparison = compareCards(old, next, new Date());
    expect(comparison.refusal).toBeUndefined();
    expect(comparison.companyDiffers).toBe(true);
    expect(comparison.warnings.map((w) => w.code)).toEqual(['TD-CARD-COMPANY-DIFFERS']);
    expect(comparison.warnings[0]!.text.ja).toContain('テスト工事業者01 / テスト工事業者02');
  });

  it('refuses when the card in use has already expired: a new registration is needed (seed 003)', async () => {
    const old = await readCard(module, hsm.tokens[2]!.serial, new Secret(PIN));
    const next = await readCard(module, hsm.tokens[1]!.serial, new Secret(PIN));
    const comparison = compareCards(old, next, new Date());
    expect(comparison.refusal?.code).toBe('TD-CARD-EXPIRED-NEW-REGISTRATION');
  });

  it('tokendesk card compare shows both cards side by side with the warning', async () => {
    const result = await runTokendesk(
      ['card', 'compare', '--module', hsm.modulePath, '--old-serial', hsm.tokens[0]!.serial, '--new-serial', hsm.tokens[1]!.serial, '--pins-from-stdin'],
      { env: hsm.env, input: `${PIN}\n${PIN}\n` },
    );
    expect(result.stderr).not.toMatch(/\bat .*\.ts:\d+/u);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('現在使用しているICカード');
    expect(result.stdout).toMatch(/ICカード企業名称\s*\| テスト工事業者01\s*\| テスト工事業者02/u);
    expect(result.stdout).toContain('683 (10進) / 2ab (16進)');
    expect(result.stdout).toContain('TD-CARD-COMPANY-DIFFERS');
    expect(result.stdout).not.toContain(PIN);
  });

  it('tokendesk card compare refuses an expired card in use, in English too', async () => {
    const result = await runTokendesk(
      ['card', 'compare', '--lang', 'en', '--module', hsm.modulePath, '--old-serial', hsm.tokens[2]!.serial, '--new-serial', hsm.tokens[1]!.serial, '--pins-from-stdin'],
      { env: hsm.env, input: `${PIN}\n${PIN}\n` },
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('new registration');
  });
});
