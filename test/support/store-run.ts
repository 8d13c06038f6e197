/**
 * STEP4's work (storeCertificate) called directly, as the wizard calls it after
 * STEP3: the CA checks the storage PIN and releases the token's admin PIN, and the
 * target is the issuance the CA named. The progress events are kept in order, as the
 * wizard's screen receives them, and the token's objects can be read afterwards.
 * Tests that need the approval wait, an abort or a stand-in module or CA at one
 * point use this instead of the wizard, which fixes those for them.
 */
import { X509Certificate } from 'node:crypto';
import type { CaClient } from '../../src/core/ca-client/index.js';
import type { Pkcs11Module, TokenSession } from '../../src/core/pkcs11/index.js';
import { Secret } from '../../src/core/secrets/secret.js';
import { storeCertificate, type StoreRequest, type StoreResult } from '../../src/core/storage/index.js';
import { targetFromPending } from '../../src/core/storage/issuance-profile.js';
import type { StoragePinNotice } from '../../src/server/operator.js';
import { systemClock, type StepClock } from '../../src/core/storage/index.js';
import type { StorageScene } from './storage-scene.js';

export interface StoreRun {
  request: StoreRequest;
  /** `progress:phase`, in the order storeCertificate reported them. */
  events: string[];
  run(): Promise<StoreResult>;
}

/**
 * The request for one application's STEP4 on the scene's token: `overrides` replace
 * any part (ca, module, clock, approvalWaitMs, signal…); `onProgress` sees each event
 * as it happens. The clock is a fastClock: a Retry-After wait passes at once.
 */
export async function prepareStore(
  scene: StorageScene,
  notice: StoragePinNotice,
  userPin: string,
  options: { overrides?: Partial<StoreRequest>; onProgress?: (event: string) => void; client?: CaClient } = {},
): Promise<StoreRun> {
  const storagePin = new Secret(notice.storagePin);
  const check = await (options.client ?? scene.client).verifyStoragePin(notice.applicationNo, storagePin);
  if (!check.issuance || !check.soPin) throw new Error('the test CA released no issuance or admin PIN');
  const events: string[] = [];
  const request: StoreRequest = {
    module: scene.module,
    tokenSerial: scene.tokenSerial,
    ca: options.client ?? scene.client,
    target: targetFromPending(check.issuance),
    storagePin,
    newUserPin: new Secret(userPin),
    soPin: check.soPin,
    clock: fastClock(),
    progress: (progress, phase) => {
      events.push(`${progress}:${phase}`);
      options.onProgress?.(`${progress}:${phase}`);
    },
    ...options.overrides,
  };
  return { request, events, run: () => storeCertificate(request) };
}

/**
 * What in a run's `progress:phase` list breaks the rule that every start is closed by
 * its end or its failure before that sub-step starts again or the run is over: each
 * such start, and each close of nothing. Empty for a well-formed list.
 */
export function unclosedSteps(events: readonly string[]): string[] {
  const open = new Set<string>();
  const wrong: string[] = [];
  for (const event of events) {
    const [progress, phase] = event.split(':') as [string, string];
    if (phase === 'start') {
      if (open.has(progress)) wrong.push(event);
      open.add(progress);
    } else if (!open.delete(progress)) {
      wrong.push(event);
    }
  }
  return [...wrong, ...[...open].map((progress) => `${progress}:start`)];
}

/**
 * A STEP4 that ends right after `event` (`keyGeneration:end`…), as when the app is
 * closed then: the run stops at its next step, leaving the token and the CA as that
 * moment left them.
 */
export async function runEndingAfter(scene: StorageScene, notice: StoragePinNotice, userPin: string, event: string): Promise<void> {
  const abort = new AbortController();
  const store = await prepareStore(scene, notice, userPin, {
    onProgress: (seen) => seen === event && abort.abort(),
    overrides: { signal: abort.signal },
  });
  const outcome = await store.run().then(
    () => new Error(`STEP4 went on to the end after ${event}`),
    (error: unknown) => ((error as Error).name === 'AbortError' ? undefined : error),
  );
  if (outcome) throw outcome;
}

/**
 * The PC's clock (moved by `shiftMs`), except that a sleep passes at once and moves
 * it on by its length: time runs as for the CA (a certificate issued a moment ago is
 * valid), and a 30-second Retry-After costs the test nothing. `slept` lists the waits.
 */
export function fastClock(shiftMs = 0): StepClock & { slept: number[] } {
  let shift = shiftMs;
  const slept: number[] = [];
  return {
    now: () => new Date(Date.now() + shift),
    after: systemClock.after,
    async sleep(ms) {
      slept.push(ms);
      shift += ms;
    },
    slept,
  };
}

export interface Inventory {
  keys: Array<{ id: string; label: string; kind: 'private' | 'public' }>;
  certificates: Array<{ id: string; label: string; serial: string; issuer: string }>;
}

/** `work` in a read-write session of the scene's token, logged in with `userPin` (as another program would be). */
export async function onToken<T>(scene: StorageScene, userPin: string, work: (session: TokenSession) => Promise<T>): Promise<T> {
  const session = await scene.module.openSession(scene.tokenSerial, { readWrite: true });
  try {
    await session.login('user', userPin);
    return await work(session);
  } finally {
    await session.logout().catch(() => undefined);
    await session.close();
  }
}

/** What is on the token, read with the user PIN by a separate session. */
export async function inventory(module: Pkcs11Module, tokenSerial: string, userPin: string): Promise<Inventory> {
  const session = await module.openSession(tokenSerial);
  try {
    await session.login('user', userPin);
    const keys = (await session.listKeys()).map(({ id, label, kind }) => ({ id, label, kind }));
    const certificates = (await session.listCertificates()).map((c) => {
      const x509 = new X509Certificate(c.der);
      return { id: c.id, label: c.label, serial: x509.serialNumber.toLowerCase(), issuer: x509.issuer };
    });
    await session.logout();
    return { keys, certificates };
  } finally {
    await session.close();
  }
}

/** The ids of the token's key pairs, each pair once, sorted. */
export function pairIds(found: Inventory): string[] {
  return [...new Set(found.keys.map((key) => key.id))].sort();
}
