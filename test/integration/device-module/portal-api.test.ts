/**
 * The portal API end to end on a real token: a SoftHSM2 token holding a
 * certificate the reference CA issued (Flow A), the device module on loopback,
 * and CA pages played by real WebSocket clients with their Origin. The user's
 * side (TokenDesk's window) is the desk the module shows its prompts on.
 */
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PortalPrompt } from '../../../src/api/index.js';
import { checkLoginSignature, createPortalDesk, startDeviceModule, type RunningDeviceModule } from '../../../src/device-module/index.js';
import type { PromptDesk } from '../../../src/device-module/prompt-desk.js';
import { PortalClient } from '../../support/portal-client.js';
import { run } from '../../support/run.js';
import { createSoftHsmStorageScene, storeWithWizard, type SoftHsmStorageScene } from '../../support/storage-scene.js';

const USER_PIN = 'Tarou123';
let scene: SoftHsmStorageScene;
let desk: PromptDesk;
let portal: RunningDeviceModule;
let dir: string;
const opened: PortalClient[] = [];

beforeAll(async () => {
  scene = await createSoftHsmStorageScene();
  const stored = await storeWithWizard(scene, USER_PIN);
  expect(stored.step).toBe(5);
  dir = mkdtempSync(join(tmpdir(), 'tokendesk-portal-'));
  desk = createPortalDesk({ denyWaitMs: 60_000 });
  portal = await startDeviceModule({ desk, modulePath: async () => scene.hsm.modulePath, port: 0, presenceIntervalMs: 200 });
});

afterAll(async () => {
  for (const client of opened) client.close();
  await portal?.close();
  await scene?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function page(origin: string): Promise<PortalClient> {
  const client = await PortalClient.open(portal.url, origin);
  opened.push(client);
  return client;
}

/** TokenDesk's window: waits for the prompt this origin raised. */
function promptFor(origin: string, kind: PortalPrompt['kind']): Promise<PortalPrompt> {
  return new Promise((resolve) => {
    const stop = desk.subscribePrompts(({ prompts }) => {
      const found = prompts.find((prompt) => prompt.origin === origin && prompt.kind === kind);
      if (found) {
        queueMicrotask(() => stop());
        resolve(found);
      }
    });
  });
}

async function allow(client: PortalClient, origin: string, decision: 'once' | 'always' = 'always') {
  const asked = client.call('requestAccess');
  const prompt = await promptFor(origin, 'access');
  desk.answer({ id: prompt.id, decision });
  return asked;
}

describe('who may connect', () => {
  it('refuses a connection without an Origin, with a foreign Host, or from a plain-http site', async () => {
    const attempt = (options: { origin?: string; host?: string }) =>
      new Promise<number | 'open'>((resolve) => {
        const socket = new WebSocket(portal.url, { ...(options.origin ? { origin: options.origin } : {}), ...(options.host ? { headers: { host: options.host } } : {}) });
        socket.once('open', () => {
          socket.close();
          resolve('open');
        });
        socket.once('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        socket.once('error', () => resolve(-1));
      });
    expect(await attempt({})).toBe(403);
    expect(await attempt({ origin: 'https://portal.ca.example.jp', host: `evil.example:${portal.port}` })).toBe(403);
    expect(await attempt({ origin: 'http://portal.ca.example.jp' })).toBe(403);
    expect(await attempt({ origin: 'null' })).toBe(403);
    expect(await attempt({ origin: 'https://portal.ca.example.jp' })).toBe('open');
  });
});

describe('before the user allows an origin', () => {
  it('answers hello and nothing else: no serial, no device', async () => {
    const origin = 'https://never.example';
    const client = await page(origin);
    const hello = await client.call('hello');
    expect(hello.result).toMatchObject({ product: 'TokenDesk', protocol: 'tokendesk-portal/1', origin, allowed: false });
    for (const method of ['listTokens', 'readDevice']) {
      const refused = await client.call(method);
      expect(refused.error?.code, method).toBe('TD-PORTAL-NOT-ALLOWED');
    }
    const sign = await client.call('signChallenge', { nonce: 'n'.repeat(32), origin });
    expect(sign.error?.code).toBe('TD-PORTAL-NOT-ALLOWED');
    await new Promise((resolve) => setTimeout(resolve, 500)); // presence would have arrived by now
    expect(client.frames.join('\n')).not.toContain(scene.tokenSerial);
    expect(desk.snapshot().prompts).toEqual([]);
  });

  it('100 rapid requestAccess calls raise one prompt: 16 wait for it, the rest are answered busy at once; deny answers the 16; the origin then waits', async () => {
    const origin = 'https://flood.example';
    const client = await page(origin);
    const seenPrompts = new Set<string>();
    const stop = desk.subscribePrompts(({ prompts }) => prompts.filter((prompt) => prompt.origin === origin).forEach((prompt) => seenPrompts.add(prompt.id)));
    const answers = Array.from({ length: 100 }, () => client.call('requestAccess'));
    const prompt = await promptFor(origin, 'access');
    // Before the user answers: the calls over the limit hold nothing, they are answered already.
    const early = await Promise.race([Promise.all(answers.slice(16)), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 2_000))]);
    expect(early).not.toBe('still waiting');
    expect(new Set((early as Awaited<(typeof answers)[number]>[]).map((answer) => answer.error?.code))).toEqual(new Set(['TD-PORTAL-BUSY']));
    expect(seenPrompts.size).toBe(1);
    // The page was told the same pairing code the prompt shows.
    const pairing = client.events.filter((event) => event.event === 'pairing').map((event) => event.data.pairingCode);
    expect(new Set(pairing)).toEqual(new Set([prompt.pairingCode]));
    desk.answer({ id: prompt.id, decision: 'deny' });
    const settled = await Promise.all(answers.slice(0, 16));
    expect(new Set(settled.map((answer) => answer.error?.code))).toEqual(new Set(['TD-PORTAL-DENIED']));
    const again = await client.call('requestAccess');
    expect(again.error?.code).toBe('TD-PORTAL-WAIT');
    expect(desk.snapshot().prompts.filter((p) => p.origin === origin)).toEqual([]);
    stop();
    expect(seenPrompts.size).toBe(1);
  });
});

describe('an allowed origin', () => {
  const origin = 'https://portal.ca.example.jp';
  let client: PortalClient;

  beforeAll(async () => {
    client = await page(origin);
    const granted = await allow(client, origin);
    expect(granted.result).toMatchObject({ granted: true, kind: 'always' });
  });

  it('lists the token without a PIN, and hears presence', async () => {
    const listed = await client.call('listTokens');
    expect(listed.result?.tokens).toEqual([expect.objectContaining({ serial: scene.tokenSerial, pinState: 'ok' })]);
    const presence = await client.nextEvent((event) => event.event === 'presence');
    expect(presence.data.tokens).toEqual([expect.objectContaining({ serial: scene.tokenSerial })]);
  });

  it('reads the device after the PIN typed in TokenDesk; the page never sees the PIN', async () => {
    const reading = client.call('readDevice', { expectedSerial: scene.tokenSerial });
    const prompt = await promptFor(origin, 'pin');
    expect(prompt).toMatchObject({ origin, purpose: 'readDevice', tokenSerial: scene.tokenSerial });
    desk.answer({ id: prompt.id, decision: 'submit', pin: USER_PIN });
    const device = await reading;
    expect(device.error).toBeUndefined();
    expect(device.result).toMatchObject({ ownerName: 'Souken Tarou', tokenSerial: scene.tokenSerial, status: expect.any(String) });
    const certificate = new X509Certificate(String(device.result?.certificatePem));
    expect(certificate.checkIssued(new X509Certificate(scene.ca.caCertificatePem))).toBe(true);
    expect(client.frames.join('\n')).not.toContain(USER_PIN);
  });

  it('a wrong PIN answers in the manual\'s words (row 8); a serial that differs is refused before any prompt (row 10)', async () => {
    const reading = client.call('readDevice');
    const prompt = await promptFor(origin, 'pin');
    desk.answer({ id: prompt.id, decision: 'submit', pin: 'Wrong999' });
    expect((await reading).error?.code).toBe('TD-USER-AUTH');
    const mismatch = await client.call('readDevice', { expectedSerial: 'FFFFFFFF' });
    expect(mismatch.error?.code).toBe('TD-SERIAL-MISMATCH');
    expect(desk.snapshot().prompts).toEqual([]);
    // The wrong try is spent; the right PIN still works (SoftHSM2 never locks).
    const again = client.call('readDevice');
    desk.answer({ id: (await promptFor(origin, 'pin')).id, decision: 'submit', pin: USER_PIN });
    expect((await again).ok).toBe(true);
  });

  it('cancel in TokenDesk answers TD-PORTAL-CANCELLED; a second PIN request while one waits is refused', async () => {
    const first = client.call('readDevice');
    const prompt = await promptFor(origin, 'pin');
    const second = await client.call('readDevice');
    expect(second.error?.code).toBe('TD-PORTAL-PROMPT-PENDING');
    desk.answer({ id: prompt.id, decision: 'cancel' });
    expect((await first).error?.code).toBe('TD-PORTAL-CANCELLED');
  });

  it('signs a login challenge bound to its origin, nonce and time; openssl verifies it with the certificate', async () => {
    const nonce = 'q7Vx2mKpL9sT4wYz8aBcDeFgHiJk';
    const signing = client.call('signChallenge', { nonce, origin });
    const prompt = await promptFor(origin, 'pin');
    expect(prompt.purpose).toBe('signChallenge');
    desk.answer({ id: prompt.id, decision: 'submit', pin: USER_PIN });
    const signed = await signing;
    expect(signed.error).toBeUndefined();
    const result = signed.result as { signedData: string; signature: string; certificatePem: string };
    const data = JSON.parse(result.signedData) as Record<string, string>;
    expect(data).toMatchObject({ type: 'tokendesk-portal-login/1', origin, nonce, tokenSerial: scene.tokenSerial });
    expect(Math.abs(Date.parse(data.time!) - Date.now())).toBeLessThan(60_000);
    writeFileSync(join(dir, 'cert.pem'), result.certificatePem);
    writeFileSync(join(dir, 'data'), result.signedData);
    writeFileSync(join(dir, 'sig'), Buffer.from(result.signature, 'base64'));
    writeFileSync(join(dir, 'pub.pem'), run('openssl', ['x509', '-in', join(dir, 'cert.pem'), '-pubkey', '-noout']));
    expect(run('openssl', ['dgst', '-sha256', '-verify', join(dir, 'pub.pem'), '-signature', join(dir, 'sig'), join(dir, 'data')])).toContain('Verified OK');
    // The CA's own check (what the reference CA's portal uses), and what it refuses.
    expect(checkLoginSignature(result, { origin, nonce })).toMatchObject({ ok: true, challenge: { tokenSerial: scene.tokenSerial } });
    expect(checkLoginSignature(result, { origin: 'https://evil.example', nonce })).toEqual({ ok: false, reason: 'origin' });
    expect(checkLoginSignature(result, { origin, nonce: 'another-nonce-0123456789' })).toEqual({ ok: false, reason: 'nonce' });
    expect(checkLoginSignature(result, { origin, nonce, now: new Date(Date.now() + 10 * 60_000) })).toEqual({ ok: false, reason: 'time' });
    expect(checkLoginSignature({ ...result, signedData: result.signedData.replace(origin, 'https://evil.example') }, { origin: 'https://evil.example', nonce })).toEqual({ ok: false, reason: 'signature' });
    // The same signature over another origin's structure does not verify.
    writeFileSync(join(dir, 'other'), result.signedData.replace(origin, 'https://evil.example'));
    expect(() => run('openssl', ['dgst', '-sha256', '-verify', join(dir, 'pub.pem'), '-signature', join(dir, 'sig'), join(dir, 'other')])).toThrow(/Verification failure/);
  });

  it('refuses a challenge for another origin, without asking the user', async () => {
    const refused = await client.call('signChallenge', { nonce: 'q7Vx2mKpL9sT4wYz8aBcDeFgHiJk', origin: 'https://other.example' });
    expect(refused.error?.code).toBe('TD-PORTAL-BAD-CHALLENGE');
    expect(desk.snapshot().prompts).toEqual([]);
    const malformed = await client.call('signChallenge', { nonce: 'short', origin });
    expect(malformed.error?.code).toBe('TD-PORTAL-BAD-MESSAGE');
  });

  it('a revoked origin loses access on its open connection at once, and its PIN prompt goes away', async () => {
    const reading = client.call('readDevice');
    await promptFor(origin, 'pin');
    desk.revoke(origin);
    expect((await reading).error?.code).toBe('TD-PORTAL-CANCELLED');
    expect(await client.nextEvent((event) => event.event === 'access')).toMatchObject({ data: { allowed: false } });
    expect((await client.call('listTokens')).error?.code).toBe('TD-PORTAL-NOT-ALLOWED');
    expect(desk.grants().map((grant) => grant.origin)).not.toContain(origin);
    expect((await client.call('hello')).result).toMatchObject({ allowed: false });
  });
});

describe('allow once', () => {
  it('is not kept for a page that left while the prompt was up', async () => {
    const origin = 'https://once-left.example';
    const staying = await page(origin);
    const leaving = await page(origin);
    const stayingAsked = staying.call('requestAccess');
    void leaving.call('requestAccess');
    const prompt = await promptFor(origin, 'access');
    await new Promise((resolve) => setTimeout(resolve, 100)); // both joined the one prompt
    leaving.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    desk.answer({ id: prompt.id, decision: 'once' });
    expect((await stayingAsked).result).toMatchObject({ granted: true, kind: 'once' });
    staying.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    // Both pages are gone: so is the permission (it had outlived them as an 8-hour grant).
    expect(desk.grants().map((grant) => grant.origin)).not.toContain(origin);
    const later = await page(origin);
    expect((await later.call('hello')).result).toMatchObject({ allowed: false });
  });

  it('a page allowed once before a revocation, closing, does not end the once a newer page holds', async () => {
    const origin = 'https://once-revoked.example';
    const first = await page(origin);
    expect((await allow(first, origin, 'once')).result).toMatchObject({ kind: 'once' });
    desk.revoke(origin);
    const second = await page(origin);
    expect((await allow(second, origin, 'once')).result).toMatchObject({ kind: 'once' });
    first.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect((await second.call('listTokens')).ok).toBe(true);
  });

  it('lasts as long as the page that asked stays connected', async () => {
    const origin = 'https://once.example';
    const client = await page(origin);
    expect((await allow(client, origin, 'once')).result).toMatchObject({ granted: true, kind: 'once' });
    expect((await client.call('listTokens')).ok).toBe(true);
    client.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const later = await page(origin);
    expect((await later.call('hello')).result).toMatchObject({ allowed: false });
  });
});

describe('protocol', () => {
  it('answers another protocol version with a catalogue error, and ends a connection that sends garbage', async () => {
    const client = await page('https://proto.example');
    const answer = await new Promise<{ error?: { code: string } }>((resolve) => {
      client.socket.once('message', (data: Buffer) => resolve(JSON.parse(data.toString()) as { error?: { code: string } }));
      client.socket.send(JSON.stringify({ v: 'tokendesk-portal/2', id: 1, method: 'hello' }));
    });
    expect(answer.error?.code).toBe('TD-PORTAL-BAD-MESSAGE');
    const code = await new Promise<number>((resolve) => {
      client.socket.once('close', (closeCode) => resolve(closeCode));
      client.socket.send('not json');
    });
    expect(code).toBe(1008);
  });
});

describe('what one page may hold of the module', () => {
  it('a page that never reads its answers has its connection ended; the module keeps serving', async () => {
    const client = await page('https://unread.example');
    const closed = new Promise<void>((resolve) => client.socket.once('close', () => resolve()));
    // Stop reading: the answers pile up in the kernel's buffers, then in the module's.
    (client.socket as unknown as { _socket: { pause(): void } })._socket.pause();
    const hello = JSON.stringify({ v: 'tokendesk-portal/1', id: 1, method: 'hello' });
    let sent = 0;
    let ended = false;
    void closed.then(() => (ended = true));
    while (!ended && sent < 200_000) {
      for (let i = 0; i < 500; i += 1) client.socket.send(hello);
      sent += 500;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(ended).toBe(true);
    const next = await page('https://unread-next.example');
    expect((await next.call('hello')).ok).toBe(true);
  });
});
