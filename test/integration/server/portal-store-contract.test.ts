// Issue 15: the portal keeps its state in the database so that two CA servers behind
// one load balancer decide once: a nonce is spent once, a confirmation link confirms
// once (and not after it expired), the storage-PIN mail is claimed once, lookups are
// counted together, contracts load all or nothing — on SQLite and on PostgreSQL, with
// two stores (two "servers") racing on one database.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatApplicationNo, generateUserId } from '../../../src/server/identifiers.js';
import { PortalStore } from '../../../src/server/portal/portal-store.js';
import { CaStore } from '../../../src/server/store/ca-store.js';
import { migrateToLatest, openDatabase, type OpenedDatabase } from '../../../src/server/store/database.js';
import { startTestPostgres } from '../../support/postgres.js';

type Open = () => Promise<{ a: PortalStore; b: PortalStore; done: () => Promise<void> }>;

function portalContract(open: Open): void {
  let a: PortalStore;
  let b: PortalStore;
  let done: () => Promise<void>;
  beforeEach(async () => {
    ({ a, b, done } = await open());
  });
  afterEach(async () => {
    await done();
  });

  const application = async () =>
    a.ca.addApplication(
      { kind: 'new', contractNo: '1234567890123', name: 'Souken Tarou', company: 'Souken', email: 't@example.jp', years: 1, tokenSerial: null, approved: false, pinHash: 'scrypt$1$1$1$a$b' },
      '20260101',
      generateUserId,
      formatApplicationNo,
    );

  it('spends a nonce once across two servers, only for its purpose and before it expires', async () => {
    const now = new Date();
    await a.addNonce('n'.repeat(32), 'renew', now, 60_000);
    expect(await b.spendNonce('n'.repeat(32), 'revoke', now.toISOString())).toBe(false);
    const results = await Promise.all([a.spendNonce('n'.repeat(32), 'renew', now.toISOString()), b.spendNonce('n'.repeat(32), 'renew', now.toISOString())]);
    expect(results.filter(Boolean)).toHaveLength(1);
    await a.addNonce('e'.repeat(32), 'renew', now, 60_000);
    expect(await b.spendNonce('e'.repeat(32), 'renew', new Date(now.getTime() + 61_000).toISOString())).toBe(false);
  });

  it('confirms a revocation link once, never after it expired', async () => {
    const row = await application();
    const at = new Date('2026-01-01T00:00:00Z');
    const request = { application_no: row.application_no, certificate_serial: 'AB', created_at: at.toISOString(), expires_at: new Date(at.getTime() + 3_600_000).toISOString(), confirmed_at: null };
    await a.addRevocationRequest({ ...request, link_hash: 'h1' });
    await a.addRevocationRequest({ ...request, link_hash: 'h2' });
    const both = await Promise.all([a.confirmRevocationRequest('h1', at.toISOString()), b.confirmRevocationRequest('h1', at.toISOString())]);
    expect(both.filter((r) => r !== undefined)).toHaveLength(1);
    expect(await b.confirmRevocationRequest('h2', new Date(at.getTime() + 3_600_001).toISOString())).toBeUndefined();
    expect(await b.pendingRevocations([row.application_no], at.toISOString())).toEqual(new Set([row.application_no]));
  });

  it('claims the storage-PIN mail once; a failed send releases it', async () => {
    const row = await application();
    await a.saveApplicantDetail({ application_no: row.application_no, name_local: '総 研太', role: 'その他', source: 'portal', renews_certificate: null, pin_mailed_at: null });
    const claims = await Promise.all([a.claimPinMail(row.application_no, 'x'), b.claimPinMail(row.application_no, 'y')]);
    expect(claims.filter(Boolean)).toHaveLength(1);
    await b.releasePinMail(row.application_no);
    expect(await a.claimPinMail(row.application_no, 'z')).toBe(true);
  });

  it('counts lookups of both servers together', async () => {
    const counts = await Promise.all(Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).count('lookup:1.2.3.4', '2026-01-01T00:00:00.000Z')));
    expect(counts.sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('loads contracts all or none', async () => {
    const row = { contract_no: '1111111111111', title: 't', contractor: 'c', contractor_en: 'C', branch: 'b', office: 'o', period_from: '2026-01-01', period_to: '2026-12-31' };
    await a.importContracts([row], '2026-01-01T00:00:00Z');
    await expect(a.importContracts([{ ...row, contract_no: '2222222222222' }, { ...row, contract_no: '3333333333333', title: null as unknown as string }], '2026-01-02T00:00:00Z')).rejects.toThrow();
    expect(await b.getContract('2222222222222')).toBeUndefined();
    expect(await b.getContract('1111111111111')).toMatchObject({ title: 't' });
  });
}

const pair = (first: OpenedDatabase, second: OpenedDatabase) => ({ a: new PortalStore(new CaStore(first.db, first.dialect)), b: new PortalStore(new CaStore(second.db, second.dialect)) });

describe('portal store on SQLite', () => {
  portalContract(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'tokendesk-portal-store-'));
    const first = openDatabase(join(dir, 'ca.db'));
    await migrateToLatest(first);
    const second = openDatabase(join(dir, 'ca.db'));
    return {
      ...pair(first, second),
      done: async () => {
        await first.close();
        await second.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  });
});

const postgres = await startTestPostgres();
afterAll(async () => {
  if (!('skipReason' in postgres)) await postgres.stop();
});

describe.skipIf('skipReason' in postgres)(`portal store on PostgreSQL${'skipReason' in postgres ? ` — skipped: ${postgres.skipReason}` : ''}`, () => {
  portalContract(async () => {
    if ('skipReason' in postgres) throw new Error(postgres.skipReason);
    const url = await postgres.createDatabase();
    const first = openDatabase(url);
    await migrateToLatest(first);
    const second = openDatabase(url);
    return {
      ...pair(first, second),
      done: async () => {
        await first.close();
        await second.close();
      },
    };
  });
});
