/**
 * The committed sample of the Japanese report for a locked token
 * (docs/samples/diagnosis-locked-token.ja.txt) is what the code produces: the test
 * locks a sim token, diagnoses it, fixes only what changes run to run (serial,
 * time, module path) and compares. TOKENDESK_UPDATE_SAMPLES=1 rewrites the file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { diagnosisText, runDiagnosis } from '../../../src/core/diagnosis/index.js';
import { openModule, type TokenError } from '../../../src/core/pkcs11/index.js';
import { REPO_ROOT } from '../../support/ca-server.js';
import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';

const SAMPLE = join(REPO_ROOT, 'docs/samples/diagnosis-locked-token.ja.txt');
let sim: EtokenSim;
beforeAll(() => {
  sim = createEtokenSim({ tokens: 1 });
});
afterAll(() => sim?.cleanup());

it('matches the committed sample of the locked-token report', async () => {
  const serial = sim.tokens[0]!.simSerial;
  const module = await openModule(sim.modulePath);
  try {
    const session = await module.openSession(serial);
    for (let i = 0; i < 15; i += 1) await session.login('user', 'wrong99', { confirmFinalTry: true }).catch((e: TokenError) => expect(e.code).toBe('pinIncorrect'));
    await session.close();
  } finally {
    await module.release();
  }
  const diagnosis = await runDiagnosis({ modulePath: sim.modulePath });
  expect(diagnosis.verdict).toBe('locked');
  const text = diagnosisText({ ...diagnosis, generatedAt: new Date('2025-04-01T01:23:45Z') }, 'ja', { applicationNo: '20230426035', contractNo: '1234567890123', userName: 'Souken Tarou' })
    .replaceAll(serial, '02B8BEA7')
    .replaceAll(sim.modulePath, '/usr/lib/libeTPkcs11.so');
  if (process.env.TOKENDESK_UPDATE_SAMPLES === '1') writeFileSync(SAMPLE, text);
  expect(text).toBe(readFileSync(SAMPLE, 'utf8'));
});
