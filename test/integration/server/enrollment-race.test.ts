/**
 * Two enrolls for one application that both pass the existing-certificate check before
 * either has stored its certificate — the race `enroll` settles at the insert. Over
 * HTTP the race rarely happens (the first to finish usually stores before the second
 * looks: enrollment-edges.test.ts), so here both calls run in-process on a real CA
 * context and its issuer is held until both have reached it, then released: a
 * deterministic lost race. Found unguarded by the mutation run (npm run test:mutation).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeCaContext, openCaContext, type CaContext } from '../../../src/server/ca-context.js';
import { enroll } from '../../../src/server/enrollment.js';
import { hashStoragePin } from '../../../src/server/storage-pin.js';
import { startTestCa, type TestCa } from '../../support/ca-server.js';
import { makeCsr } from '../../support/csr.js';

let ca: TestCa;
let ctx: CaContext;
beforeAll(async () => {
  ca = await startTestCa();
  ctx = await openCaContext(ca.dataDir, { ...process.env, TOKENDESK_CA_DATA: ca.dataDir });
});
afterAll(async () => {
  if (ctx) await closeCaContext(ctx);
  await ca?.stop();
});

/** Holds every issuance until `count` enrolls have reached the issuer — all past their existing-certificate check. */
function holdIssuanceUntil(count: number): () => void {
  const real = ctx.issuer.issue.bind(ctx.issuer);
  let arrived = 0;
  let releaseAll!: () => void;
  const allArrived = new Promise<void>((resolve) => (releaseAll = resolve));
  ctx.issuer.issue = async (...args) => {
    arrived += 1;
    if (arrived === count) releaseAll();
    await allArrived;
    return real(...args);
  };
  return () => {
    ctx.issuer.issue = real;
  };
}

const settle = (work: Promise<Buffer>) =>
  work.then(
    (der) => ({ der: der.toString('base64') }),
    (error: { code?: string }) => ({ refused: error.code }),
  );

describe('enroll: two requests racing for one application', () => {
  it('two different keys: one certificate, for one of them; the other is refused differentKey and gets nothing', async () => {
    const n = await ca.addApplication();
    const csrs = [await makeCsr('racer-a'), await makeCsr('racer-b')];
    const restore = holdIssuanceUntil(2);
    let answers;
    try {
      answers = await Promise.all(csrs.map((csr) => settle(enroll(ctx, n.applicationNo, n.storagePin, csr))));
    } finally {
      restore();
    }
    const stored = await ctx.store.certificateForApplication(n.applicationNo);
    const storedDer = Buffer.from(stored!.der).toString('base64');
    const winners = answers.filter((answer) => 'der' in answer);
    expect(winners).toEqual([{ der: storedDer }]);
    expect(answers.filter((answer) => 'refused' in answer)).toEqual([{ refused: 'differentKey' }]);
    // The winner's key asks again and gets the same certificate; the loser's still does not.
    const winner = csrs[answers.findIndex((answer) => 'der' in answer)]!;
    const loser = csrs[answers.findIndex((answer) => 'refused' in answer)]!;
    expect(await settle(enroll(ctx, n.applicationNo, n.storagePin, winner))).toEqual({ der: storedDer });
    expect(await settle(enroll(ctx, n.applicationNo, n.storagePin, loser))).toEqual({ refused: 'differentKey' });
  });

  it('the same key twice: both get the one certificate the CA stored', async () => {
    const n = await ca.addApplication();
    const csr = await makeCsr('racer-same');
    const restore = holdIssuanceUntil(2);
    let answers;
    try {
      answers = await Promise.all([settle(enroll(ctx, n.applicationNo, n.storagePin, csr)), settle(enroll(ctx, n.applicationNo, n.storagePin, csr))]);
    } finally {
      restore();
    }
    const stored = await ctx.store.certificateForApplication(n.applicationNo);
    const storedDer = Buffer.from(stored!.der).toString('base64');
    expect(answers).toEqual([{ der: storedDer }, { der: storedDer }]);
  });
});

describe('enroll: the operator issues a new storage PIN while a request with the old one runs', () => {
  it('the request checked against the old PIN issues nothing (storagePinReplaced); the new PIN then enrolls', async () => {
    const n = await ca.addApplication();
    const real = ctx.issuer.issue.bind(ctx.issuer);
    const newPin = n.storagePin === '9999999999' ? '8888888888' : '9999999999';
    // Between the PIN check and the insert (as scrypt and signing take their time): `ca app new-pin` lands.
    ctx.issuer.issue = async (...args) => {
      await ctx.store.replacePin(n.applicationNo, await hashStoragePin(newPin, ctx.config.scrypt));
      return real(...args);
    };
    let answer;
    try {
      answer = await settle(enroll(ctx, n.applicationNo, n.storagePin, await makeCsr('old-pin')));
    } finally {
      ctx.issuer.issue = real;
    }
    expect(answer).toEqual({ refused: 'storagePinReplaced' });
    expect(await ctx.store.certificateForApplication(n.applicationNo)).toBeUndefined();
    expect((await ctx.store.listAudit({ applicationNo: n.applicationNo })).filter((line) => line.event === 'certificateIssued')).toHaveLength(0);
    expect(await settle(enroll(ctx, n.applicationNo, newPin, await makeCsr('new-pin')))).toHaveProperty('der');
  });
});
