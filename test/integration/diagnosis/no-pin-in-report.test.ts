/**
 * Property: whatever user PIN is entered — right, wrong, full-width, spaces, emoji —
 * neither the text report (ja, en) nor the JSON report contains it. SoftHSM2 never
 * locks, so every generated PIN really reaches C_Login when its shape allows.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagnosisJson, diagnosisText, runDiagnosis } from '../../../src/core/diagnosis/index.js';
import { openModule } from '../../../src/core/pkcs11/index.js';
import { Secret } from '../../../src/core/secrets/secret.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';
import { putSeedLikeCertificate } from '../card/seed-like-certificate.js';

let hsm: SoftHsm;
beforeAll(async () => {
  hsm = createSoftHsm({ tokens: 1, userPin: 'Qz7xK2pw' });
  const module = await openModule(hsm.modulePath);
  try {
    await putSeedLikeCertificate(module, hsm.tokens[0]!.serial, 'Qz7xK2pw', { serialHex: '02ab', cn: '400156819 Souken Tarou', company: 'Souken', notBefore: new Date(Date.now() - 86_400_000), notAfter: new Date(Date.now() + 400 * 86_400_000) });
  } finally {
    await module.release();
  }
});
afterAll(() => hsm?.cleanup());

// Six or more characters: a shorter string could occur in a report by chance (a date, a serial).
const pins = fc.oneof(fc.constant('Qz7xK2pw'), fc.stringMatching(/^[A-Za-z0-9]{6,8}$/u), fc.string({ unit: 'grapheme', minLength: 6, maxLength: 12 }));

describe('reports never contain a PIN', () => {
  it('holds for text and JSON, in both languages', async () => {
    await fc.assert(
      fc.asyncProperty(pins, async (pin) => {
        const diagnosis = await runDiagnosis({ modulePath: hsm.modulePath, userPin: new Secret(pin) });
        for (const report of [diagnosisText(diagnosis, 'ja'), diagnosisText(diagnosis, 'en'), diagnosisJson(diagnosis)]) {
          expect(report.includes(pin)).toBe(false);
        }
      }),
      { numRuns: 40 },
    );
  });
});
