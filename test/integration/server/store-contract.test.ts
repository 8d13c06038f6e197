// One contract, two databases: the CA must behave the same on its embedded SQLite and
// on PostgreSQL (several servers behind one load balancer).
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { CaStore, CertificateRecord, NewApplication } from '../../../src/server/store/ca-store.js';
import type { CaDatabase } from '../../../src/server/store/schema.js';
import { formatApplicationNo, generateUserId } from '../../../src/server/identifiers.js';
import { describeOnEachCaDatabase, type OpenedStore } from '../../support/ca-databases.js';

const app = (over: Partial<NewApplication> = {}): NewApplication => ({
  kind: 'new',
  contractNo: '1234567890123',
  name: 'Souken Tarou',
  company: 'Souken Corp',
  email: 'tarou@example.jp',
  years: 2,
  tokenSerial: '02B8BEA7',
  approved: true,
  pinHash: 'scrypt$1024$8$1$c2FsdA$aGFzaA',
  ...over,
});

const cert = (applicationNo: string, serial: string, over: Partial<CertificateRecord> = {}): CertificateRecord => ({
  serial,
  application_no: applicationNo,
  public_key_sha256: 'aa'.repeat(32),
  der: Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]),
  not_before: '2024-01-01T00:00:00.000Z',
  not_after: '2026-01-01T00:00:00.000Z',
  issued_at: '2024-01-01T00:00:00.000Z',
  revoked_at: null,
  revocation_reason: null,
  ...over,
});

function storeContract(open: () => Promise<OpenedStore>): void {
  let store: CaStore;
  let db: Kysely<CaDatabase>;
  let done: () => Promise<void>;
  beforeEach(async () => {
    ({ store, db, done } = await open());
  });
  afterEach(async () => {
    await done();
  });
  const add = (over: Partial<NewApplication> = {}, day = '20230426') => store.addApplication(app(over), day, generateUserId, formatApplicationNo);

  it('numbers applications per day in sequence and gives each a unique 9-digit user ID', async () => {
    const a = await add();
    const b = await add();
    const c = await add({}, '20230427');
    expect([a.application_no, b.application_no, c.application_no]).toEqual(['20230426001', '20230426002', '20230427001']);
    expect(a.user_id).toMatch(/^[1-9][0-9]{8}$/);
    expect(new Set([a.user_id, b.user_id, c.user_id]).size).toBe(3);
    expect(await store.getApplication(a.application_no)).toMatchObject({ name: 'Souken Tarou', pin_failures: 0, pin_locked_at: null, stored_at: null });
    expect(await store.getApplication('20990101001')).toBeUndefined();
    expect((await store.listApplications()).map((r) => r.application_no)).toEqual([a.application_no, b.application_no, c.application_no]);
  });

  it('retries a colliding user ID instead of failing', async () => {
    const first = await add();
    const ids = [first.user_id, '987654321'];
    const r = await store.addApplication(app(), '20230426', () => ids.shift() ?? '123123123', formatApplicationNo);
    expect(r.user_id).toBe('987654321');
  });

  it('retries a colliding user ID inside a caller\'s transaction too (the portal adds applications in its own)', async () => {
    // PostgreSQL aborts a transaction at its first error: a retry after a unique
    // violation there failed as "current transaction is aborted", a 500 to the applicant.
    const first = await add();
    const ids = [first.user_id, '987654321'];
    const [added, count] = await store.transaction(async (s) => {
      const row = await s.addApplication(app(), '20230426', () => ids.shift() ?? '123123123', formatApplicationNo);
      return [row, (await s.listApplications()).length] as const;
    });
    expect(added.user_id).toBe('987654321');
    expect(count).toBe(2);
    expect(await store.getApplication(added.application_no)).toMatchObject({ user_id: '987654321' });
  });

  it('skips a number already taken (a day\'s sequence behind its rows) instead of failing', async () => {
    const first = await add();
    await db.updateTable('application_sequences').set({ last: 0 }).where('day', '=', '20230426').execute();
    const next = await add();
    expect([first.application_no, next.application_no]).toEqual(['20230426001', '20230426002']);
  });

  const rules = { limit: 5, lockSeconds: 1800, staleAfterSeconds: 60 };

  it('reserves at most `limit` PIN checks at once, before any is decided', async () => {
    const a = await add();
    const results = await Promise.all(Array.from({ length: 12 }, () => store.reservePinAttempt(a.application_no, rules)));
    expect(results.filter((r) => r.reserved)).toHaveLength(5);
    expect(results.filter((r) => !r.reserved)).toEqual(Array.from({ length: 7 }, () => ({ reserved: false, locked: false, finalTry: false })));
    // A right PIN gives its slot back; nothing is counted.
    await store.releasePinAttempt(a.application_no);
    expect(await store.reservePinAttempt(a.application_no, rules)).toEqual({ reserved: true });
    expect((await store.getApplication(a.application_no))?.pin_failures).toBe(0);
  });

  it('without the final-try confirmation reserves at most `limit − 1` checks at once, and refuses the last try as such', async () => {
    const a = await add();
    const unconfirmed = await Promise.all(Array.from({ length: 12 }, () => store.reservePinAttempt(a.application_no, rules, false)));
    expect(unconfirmed.filter((r) => r.reserved)).toHaveLength(4);
    expect(unconfirmed.filter((r) => !r.reserved)).toEqual(Array.from({ length: 8 }, () => ({ reserved: false, locked: false, finalTry: true })));
    // Confirmed, the last try is there to take — once.
    expect(await store.reservePinAttempt(a.application_no, rules, true)).toEqual({ reserved: true });
    expect(await store.reservePinAttempt(a.application_no, rules, true)).toEqual({ reserved: false, locked: false, finalTry: false });
    // Four decided failures, nothing in flight: unconfirmed is refused as the final try, nothing counted.
    for (let i = 0; i < 4; i++) await store.recordPinFailure(a.application_no, rules);
    await store.releasePinAttempt(a.application_no);
    expect(await store.reservePinAttempt(a.application_no, rules, false)).toEqual({ reserved: false, locked: false, finalTry: true });
    expect((await store.getApplication(a.application_no))?.pin_failures).toBe(4);
    // A limit of 1: even a number never tried before is on its final try.
    expect(await store.reservePinAttempt('20230426999', { ...rules, limit: 1 }, false)).toEqual({ reserved: false, locked: false, finalTry: true });
    expect(await store.reservePinAttempt('20230426999', { ...rules, limit: 1 }, true)).toEqual({ reserved: true });
  });

  it('counts each wrong PIN once and locks at the limit; a new PIN clears both', async () => {
    const a = await add();
    for (let i = 0; i < 5; i++) expect((await store.reservePinAttempt(a.application_no, rules)).reserved).toBe(true);
    const results = await Promise.all(Array.from({ length: 5 }, () => store.recordPinFailure(a.application_no, rules, '127.0.0.1')));
    expect(results.map((r) => r.failures).sort((x, y) => x - y)).toEqual([1, 2, 3, 4, 5]);
    expect(results.filter((r) => r.locked)).toHaveLength(1);
    expect(await store.reservePinAttempt(a.application_no, rules)).toEqual({ reserved: false, locked: true, finalTry: false });
    const locked = await store.getApplication(a.application_no);
    expect(locked).toMatchObject({ pin_failures: 5 });
    expect(locked?.pin_locked_at).not.toBeNull();
    const events = (await store.listAudit({ applicationNo: a.application_no })).map((e) => e.event);
    expect(events.filter((e) => e === 'storagePinFailure')).toHaveLength(5);
    expect(events.filter((e) => e === 'storagePinLocked')).toHaveLength(1);
    const renewed = await store.replacePin(a.application_no, 'scrypt$1024$8$1$bmV3$bmV3');
    expect(renewed).toMatchObject({ pin_failures: 0, pin_locked_at: null, pin_hash: 'scrypt$1024$8$1$bmV3$bmV3' });
    expect(await store.reservePinAttempt(a.application_no, rules)).toEqual({ reserved: true });
  });

  it('ends a timed lock when its time is up, and a lock without time only with a new PIN', async () => {
    const a = await add();
    const b = await add();
    for (const [no, r] of [[a.application_no, rules], [b.application_no, { ...rules, lockSeconds: 0 }]] as const) {
      for (let i = 0; i < 5; i++) {
        await store.reservePinAttempt(no, r);
        await store.recordPinFailure(no, r);
      }
    }
    await db.updateTable('pin_attempts').set({ locked_until: '2000-01-01T00:00:00.000Z' }).where('application_no', '=', a.application_no).execute();
    expect(await store.getApplication(a.application_no)).toMatchObject({ pin_failures: 0, pin_locked_at: null });
    expect(await store.reservePinAttempt(a.application_no, rules)).toEqual({ reserved: true });
    expect((await store.getApplication(b.application_no))?.pin_locked_at).not.toBeNull();
    expect(await store.reservePinAttempt(b.application_no, { ...rules, lockSeconds: 0 })).toEqual({ reserved: false, locked: true, finalTry: false });
  });

  it('counts tries on a number nobody holds exactly like on a real one, and forgets them when it is issued', async () => {
    const unknown = '20230426001';
    for (let i = 0; i < 5; i++) {
      expect(await store.reservePinAttempt(unknown, rules)).toEqual({ reserved: true });
      await store.recordPinFailure(unknown, rules);
    }
    expect(await store.reservePinAttempt(unknown, rules)).toEqual({ reserved: false, locked: true, finalTry: false });
    const a = await add();
    expect(a.application_no).toBe(unknown);
    expect(await store.getApplication(unknown)).toMatchObject({ pin_failures: 0, pin_locked_at: null });
    expect(await store.reservePinAttempt(unknown, rules)).toEqual({ reserved: true });
  });

  it('gives a dead server’s reservations back after they go stale', async () => {
    const a = await add();
    for (let i = 0; i < 5; i++) await store.reservePinAttempt(a.application_no, rules);
    expect(await store.reservePinAttempt(a.application_no, rules)).toEqual({ reserved: false, locked: false, finalTry: false });
    await db.updateTable('pin_attempts').set({ reserved_at: '2000-01-01T00:00:00.000Z' }).where('application_no', '=', a.application_no).execute();
    expect(await store.reservePinAttempt(a.application_no, rules)).toEqual({ reserved: true });
  });

  it('refuses a new PIN once the certificate is stored', async () => {
    const a = await add();
    await store.markStored(a.application_no, '0E01');
    expect(await store.replacePin(a.application_no, 'scrypt$1024$8$1$bmV3$bmV3')).toBeUndefined();
  });

  it('keeps one certificate per application: a second insert answers the first', async () => {
    const a = await add();
    const first = await store.insertCertificate(cert(a.application_no, '0A01'));
    expect(first.inserted).toBe(true);
    const second = await store.insertCertificate(cert(a.application_no, '0A02', { public_key_sha256: 'bb'.repeat(32) }));
    expect(second.inserted).toBe(false);
    expect(second.certificate.serial).toBe('0A01');
    expect(Buffer.from(second.certificate.der)).toEqual(Buffer.from([0x30, 0x03, 0x02, 0x01, 0x01]));
    expect(await store.getCertificate('0A02')).toBeUndefined();
    expect((await store.listAudit()).filter((e) => e.event === 'certificateIssued')).toHaveLength(1);
  });

  it('issues only while the application keeps the storage PIN hash the request was checked against', async () => {
    const a = await add();
    expect(await store.replacePin(a.application_no, 'scrypt$1024$8$1$bmV3$bmV3')).toBeDefined();
    await expect(store.insertCertificate(cert(a.application_no, '0F01'), { pinHash: a.pin_hash })).rejects.toMatchObject({ name: 'StoragePinReplaced' });
    expect(await store.getCertificate('0F01')).toBeUndefined();
    expect((await store.listAudit()).filter((e) => e.event === 'certificateIssued')).toHaveLength(0);
    expect((await store.insertCertificate(cert(a.application_no, '0F02'), { pinHash: 'scrypt$1024$8$1$bmV3$bmV3' })).inserted).toBe(true);
  });

  it('revokes once: the first revocation time and reason stay', async () => {
    const a = await add();
    await store.insertCertificate(cert(a.application_no, '0B01'));
    const r1 = await store.revokeCertificate('0B01', 1);
    const r2 = await store.revokeCertificate('0B01', 4);
    expect(r1?.revoked_at).toBeTruthy();
    expect(r2?.revoked_at).toBe(r1?.revoked_at);
    expect(r2?.revocation_reason).toBe(1);
    expect(await store.revokeCertificate('FFFF', 0)).toBeUndefined();
    expect((await store.listRevoked()).map((c) => c.serial)).toEqual(['0B01']);
  });

  it('revokes once however many revocations race: one audit line, with the reason that stayed', async () => {
    const a = await add();
    await store.insertCertificate(cert(a.application_no, '0B02'));
    // Parallel: on PostgreSQL each on a connection of its own (READ COMMITTED).
    const rows = await Promise.all(Array.from({ length: 50 }, (_, i) => store.revokeCertificate('0B02', i % 2 === 0 ? 1 : 4)));
    const kept = await store.getCertificate('0B02');
    expect(new Set(rows.map((r) => r?.revoked_at))).toEqual(new Set([kept!.revoked_at]));
    expect(new Set(rows.map((r) => r?.revocation_reason))).toEqual(new Set([kept!.revocation_reason]));
    const lines = (await store.listAudit()).filter((e) => e.event === 'certificateRevoked');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!.detail!)).toEqual({ reason: kept!.revocation_reason });
  });

  it('stores once however many `stored` race: the first time stays, one audit line', async () => {
    const a = await add();
    const rows = await Promise.all(Array.from({ length: 40 }, () => store.markStored(a.application_no, '0C02')));
    const kept = (await store.getApplication(a.application_no))!.stored_at;
    expect(kept).toBeTruthy();
    expect(new Set(rows.map((r) => r.stored_at))).toEqual(new Set([kept]));
    expect((await store.listAudit({ applicationNo: a.application_no })).filter((e) => e.event === 'certificateStored')).toHaveLength(1);
  });

  it('finds the pending application for a token until its certificate is stored', async () => {
    await add({ tokenSerial: 'AAAA0001' });
    const newer = await add({ tokenSerial: 'AAAA0001', kind: 'reissue' });
    expect((await store.pendingForToken('AAAA0001'))?.application_no).toBe(newer.application_no);
    await store.markStored(newer.application_no, '0C01');
    const again = await store.markStored(newer.application_no, '0C01');
    expect(again.stored_at).toBeTruthy();
    expect((await store.pendingForToken('AAAA0001'))?.application_no).not.toBe(newer.application_no);
    expect(await store.pendingForToken('NOPE')).toBeUndefined();
  });

  it('approves a pending application once', async () => {
    const a = await add({ approved: false });
    expect(a.approved_at).toBeNull();
    const r = await store.approve(a.application_no);
    expect(r?.approved_at).toBeTruthy();
    expect(await store.approve('20990101001')).toBeUndefined();
  });

  it('approves once however many approvals race: the first time stays, one audit line', async () => {
    const a = await add({ approved: false });
    const rows = await Promise.all(Array.from({ length: 30 }, () => store.approve(a.application_no)));
    const kept = (await store.getApplication(a.application_no))!.approved_at;
    expect(kept).toBeTruthy();
    expect(new Set(rows.map((r) => r?.approved_at))).toEqual(new Set([kept]));
    expect((await store.listAudit({ applicationNo: a.application_no })).filter((e) => e.event === 'applicationApproved')).toHaveLength(1);
  });

  it('numbers CRLs and refuses a duplicate number', async () => {
    expect(await store.nextCrlNumber()).toBe(1);
    expect(await store.saveCrl({ number: 1, der: Buffer.from([1, 2, 3]), this_update: 'a', next_update: 'b' })).toBe(true);
    expect(await store.saveCrl({ number: 1, der: Buffer.from([9]), this_update: 'a', next_update: 'b' })).toBe(false);
    expect(await store.nextCrlNumber()).toBe(2);
    expect(Buffer.from((await store.latestCrl())!.der)).toEqual(Buffer.from([1, 2, 3]));
  });

  it('records a provisioned token and replaces it (and its possession tag hash) on re-provisioning', async () => {
    await store.saveToken({ serial: 'T1', label: 'a', so_pin_sealed: 'v1.x', provisioned_at: 't', possession_tag_sha256: 'aa' });
    await store.saveToken({ serial: 'T1', label: 'b', so_pin_sealed: 'v1.y', provisioned_at: 't2', possession_tag_sha256: 'bb' });
    expect(await store.getToken('T1')).toEqual({ serial: 'T1', label: 'b', so_pin_sealed: 'v1.y', provisioned_at: 't2', possession_tag_sha256: 'bb' });
    expect(await store.getToken('T2')).toBeUndefined();
  });

  it('rolls a failed transaction back completely', async () => {
    const a = await add();
    await expect(
      store.transaction(async (s) => {
        await s.insertCertificate(cert(a.application_no, '0D01'));
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(await store.getCertificate('0D01')).toBeUndefined();
  });

  it('refuses to update or delete audit lines, even with raw SQL', async () => {
    await add();
    await expect(sql`update audit_log set event = 'x'`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
    expect((await store.listAudit()).length).toBeGreaterThan(0);
  });
}

await describeOnEachCaDatabase('CA store', storeContract);
