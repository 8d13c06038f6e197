/**
 * A token that has no SafeNet hardware-feature objects (SoftHSM2) gets no vendor facts:
 * the diagnosis leaves them out and the report says "unknown" — never a guess.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { diagnosisText, runDiagnosis } from '../../../src/core/diagnosis/index.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';

let hsm: SoftHsm;
beforeAll(() => {
  hsm = createSoftHsm({ tokens: 1 });
});
afterAll(() => hsm?.cleanup());

it('leaves the vendor facts and exact tries unknown on a token without them', async () => {
  const diagnosis = await runDiagnosis({ modulePath: hsm.modulePath });
  expect(diagnosis.token?.device).toEqual({});
  expect(diagnosis.token?.userPinLeft).toBeUndefined();
  const report = diagnosisText(diagnosis, 'en');
  for (const line of ['Product: unknown', 'Firmware: unknown', 'Production date: unknown', 'FIPS mode: unknown', 'RSA key area: unknown']) expect(report).toContain(line);
});

it('words the model, versions and memory in the report\'s own language only', async () => {
  const diagnosis = await runDiagnosis({ modulePath: hsm.modulePath });
  const ja = diagnosisText(diagnosis, 'ja');
  const en = diagnosisText(diagnosis, 'en');
  // The Japanese report had "hardware … / firmware …" and "bytes"; the English one full-width brackets.
  expect(ja).toMatch(/（ハードウェア [\d.]+ \/ ファームウェア [\d.]+）/u);
  expect(ja).not.toMatch(/hardware|firmware|bytes/u);
  expect(en).toMatch(/ \(hardware [\d.]+ \/ firmware [\d.]+\)/u);
  expect(en).not.toMatch(/[（）～]/u);
});
