// The unlock extension over real TLS: twelve wrong codes sent at once are all refused and
// spend the code after exactly five checks; the right code then opens nothing; four wrong
// codes sent beside the right one do not spend it; a fresh
// code releases the token's SO PIN (and only over the answer body, marked no-store).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { closeCaContext, openCaContext } from '../../../src/server/ca-context.js';
import { caRequest, startTestCa, type TestCa } from '../../support/ca-server.js';

const SERIAL = '0A1B2C3D';
const SO_PIN = 'So1234567890abcd';
let ca: TestCa;

beforeAll(async () => {
  ca = await startTestCa({ settings: { rateLimit: { max: 1000, windowSeconds: 60 } } });
  const ctx = await openCaContext(ca.dataDir, { ...process.env, TOKENDESK_CA_DATA: ca.dataDir });
  try {
    // A CA-managed token as `ca token provision` records it (no token needed for the CA's side).
    await ctx.store.saveToken({ serial: SERIAL, label: 'TokenDesk', so_pin_sealed: ctx.soPins.seal(SO_PIN, SERIAL), provisioned_at: new Date().toISOString(), possession_tag_sha256: null });
  } finally {
    await closeCaContext(ctx);
  }
});
afterAll(async () => {
  await ca?.stop();
});

async function issue(): Promise<string> {
  const issued = await ca.cli(['ca', 'token', 'unlock-code', '--serial', SERIAL, '--json']);
  expect(issued.code, issued.stderr).toBe(0);
  return (JSON.parse(issued.stdout) as { code: string }).code;
}

const unlock = (code: string, serial = SERIAL) => caRequest(ca, 'POST', `/api/v1/tokens/${serial}/unlock`, { auth: { user: serial, password: code } });

it('twelve wrong codes at once: five are checked, the code is spent, the right one then opens nothing', async () => {
  const code = await issue();
  const wrong = code === '0000000000' ? '1111111111' : '0000000000';
  const answers = await Promise.all(Array.from({ length: 12 }, () => unlock(wrong)));
  const codes = answers.map((answer) => answer.json<{ error: { code: string } }>().error.code);
  // Refused: wrong (four), the wrong one that spent it, spent already, or waiting for one of the five checks in flight.
  expect(codes.every((c) => c === 'unlockCodeIncorrect' || c === 'unlockCodeSpent' || c === 'unlockCodeBusy')).toBe(true);
  expect(codes.filter((c) => c === 'unlockCodeIncorrect').length).toBeLessThanOrEqual(4);
  const right = await unlock(code);
  expect(right.status).toBe(410);
  expect(right.json<{ error: { code: string } }>().error.code).toBe('unlockCodeSpent');
  const ctx = await openCaContext(ca.dataDir, { ...process.env, TOKENDESK_CA_DATA: ca.dataDir });
  try {
    expect((await ctx.store.unlockCodes.get(SERIAL))?.failures).toBe(5);
    expect((await ctx.store.listAudit()).filter((row) => row.event === 'unlockCodeFailure')).toHaveLength(5);
  } finally {
    await closeCaContext(ctx);
  }
});

it('four wrong codes sent beside the right one never spend it: the right one releases the SO PIN (five rounds)', async () => {
  for (let round = 0; round < 5; round += 1) {
    const code = await issue();
    const wrong = code === '0000000000' ? '1111111111' : '0000000000';
    const answers = await Promise.all([unlock(wrong), unlock(wrong), unlock(code), unlock(wrong), unlock(wrong)]);
    expect(answers.map((answer) => answer.status)).toEqual([401, 401, 200, 401, 401]);
    expect(answers[2]!.json<{ soPin: string }>().soPin).toBe(SO_PIN);
  }
});

it('a fresh code releases the SO PIN, no-store; for another serial it is refused', async () => {
  const code = await issue();
  expect((await unlock(code, 'FFFF0000')).json<{ error: { code: string } }>().error.code).toBe('unlockCodeNotIssued');
  const answer = await unlock(code);
  expect(answer.status).toBe(200);
  expect(answer.headers['cache-control']).toBe('no-store');
  expect(answer.json<{ soPin: string }>().soPin).toBe(SO_PIN);
  const done = await caRequest(ca, 'POST', `/api/v1/tokens/${SERIAL}/unlocked`, { auth: { user: SERIAL, password: code } });
  expect(done.status).toBe(200);
  expect((await unlock(code)).json<{ error: { code: string } }>().error.code).toBe('unlockCodeSpent');
});
