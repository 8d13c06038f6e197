// The CA key's signatures run on a thread of their own (signing-thread.ts), not on
// libuv's pool, whose queueing could stall the event loop (pthread_cond_signal waiting
// for pool threads to be scheduled). They must be the same signatures, never wait behind
// the pool's other work (scrypt), and never be lost when the thread fails.
import { generateKeyPairSync, pbkdf2, randomBytes, verify } from 'node:crypto';
import { getPriority } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKGROUND_NICENESS } from '../../../src/server/background-thread.js';
import { SigningThread, signingThreadCount } from '../../../src/server/pki/signing-thread.js';
import { threadNiceValues } from '../../support/thread-nice.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
const verifies = (data: Buffer, signature: Buffer) => verify('sha256', data, publicKey, signature);
/** The workers inside (tests only: to make one fail). */
const workersOf = (thread: SigningThread) => (thread as unknown as { threads: { worker: Worker }[] }).threads.map((t) => t.worker);

let thread: SigningThread | undefined;
afterEach(async () => {
  await thread?.close();
  thread = undefined;
});

describe('the CA signing thread', () => {
  it.each([1, 2])('signs many requests of one tick and of later ticks, each its own data (%i thread(s))', async (threads) => {
    thread = new SigningThread(privateKey, threads);
    const data = Array.from({ length: 40 }, () => randomBytes(700));
    // A Buffer that is a view into a larger one: only its own bytes are signed.
    const pooled = Buffer.from('x'.repeat(100));
    data.push(pooled.subarray(10, 60));
    const signatures = await Promise.all(data.map((d) => thread!.sign('sha256', d)));
    for (const [i, signature] of signatures.entries()) expect(verifies(data[i]!, signature)).toBe(true);
    const later = Array.from({ length: 5 }, () => randomBytes(500));
    for (const [i, signature] of (await Promise.all(later.map((d) => thread!.sign('sha256', d)))).entries()) expect(verifies(later[i]!, signature)).toBe(true);
  });

  it('does not wait behind libuv pool work (every pool thread busy with key derivation)', async () => {
    thread = new SigningThread(privateKey, 1);
    await thread.sign('sha256', Buffer.from('warm-up')); // the worker is up
    const poolThreads = Number(process.env.UV_THREADPOOL_SIZE ?? 4);
    let poolDone = 0;
    const busy = Array.from(
      { length: poolThreads },
      () => new Promise<void>((done, fail) => pbkdf2('pin', 'salt', 2_000_000, 32, 'sha256', (error) => (error ? fail(error) : (poolDone++, done())))),
    );
    const data = Buffer.from('signed while the pool is busy');
    const signature = await thread.sign('sha256', data);
    // On libuv's pool the signature would have queued behind the derivations.
    expect(poolDone).toBe(0);
    expect(verifies(data, signature)).toBe(true);
    await Promise.all(busy);
  }, 60_000);

  it('when a thread dies, what was not answered and all later signatures are still made', async () => {
    thread = new SigningThread(privateKey, 2);
    await thread.sign('sha256', Buffer.from('warm-up'));
    const data = Array.from({ length: 8 }, () => randomBytes(300));
    const pending = data.map((d) => thread!.sign('sha256', d));
    await Promise.resolve(); // the batch is on its way
    await workersOf(thread)[0]!.terminate();
    const signatures = await Promise.all(pending);
    for (const [i, signature] of signatures.entries()) expect(verifies(data[i]!, signature)).toBe(true);
    const after = randomBytes(64);
    expect(verifies(after, await thread.sign('sha256', after))).toBe(true);
    expect(workersOf(thread)).toEqual([]);
  });

  it('close waits for the signatures asked for; a thread never started closes at once', async () => {
    thread = new SigningThread(privateKey, 1);
    const data = randomBytes(100);
    const pending = thread.sign('sha256', data);
    await thread.close();
    expect(verifies(data, await pending)).toBe(true);
    expect(workersOf(thread)).toEqual([]);
    await new SigningThread(privateKey, 1).close();
  });

  // The event loop is the CA's one serial resource: at equal priority the signatures took
  // the cores it waited for (run-queue waits, the p99's tail, docs/benchmarks.md).
  it.runIf(process.platform === 'linux')('runs its threads below the event loop, and only them', async () => {
    const own = getPriority();
    const lowered = Math.min(19, own + BACKGROUND_NICENESS);
    expect(lowered).toBeGreaterThan(own); // else the test could not tell
    const loweredThreads = () => threadNiceValues().filter((nice) => nice === lowered).length;
    // The earlier tests' workers, terminated, end on their own time: wait for them to be gone.
    for (let waited = 0; loweredThreads() > 0 && waited < 5000; waited += 20) await new Promise((done) => setTimeout(done, 20));
    const before = loweredThreads();
    thread = new SigningThread(privateKey, 2);
    await thread.sign('sha256', Buffer.from('starts the threads'));
    // The second worker may not have run its first lines yet (it got no batch): give it time.
    for (let waited = 0; loweredThreads() < before + 2 && waited < 5000; waited += 20) await new Promise((done) => setTimeout(done, 20));
    expect(loweredThreads()).toBe(before + 2);
    expect(getPriority()).toBe(own); // the event loop's own thread, and so the process, unchanged
  });

  it('starts no thread of its own unless configured: libuv\'s pool by default', () => {
    expect(signingThreadCount(undefined)).toBe(0);
    expect(signingThreadCount(0)).toBe(0);
    expect(signingThreadCount(3)).toBe(3);
  });
});
