/**
 * Bench 2 — storage (Flow A), in process: the StorageWizard from STEP1 to STEP5 on a
 * fresh SoftHSM2 token against the reference CA on loopback TLS, timed whole and
 * broken down by measuring, on the same clock:
 *  - time inside the PKCS#11 call queue (every token call goes through it), split by
 *    what the call was for: key generation, the CSR's signature, certificate write,
 *    verification (sign + read-back), and the rest (logins, PIN set, listings, sessions);
 *  - time inside HTTPS exchanges (the CA client's every request), and within that
 *    the CA's own handling (request in → response finished, same process);
 *  - our own overhead: the whole minus all of the above (X.509, CSR building,
 *    chain check, wizard state, promise hops).
 * Nothing in src/ is changed to measure: the bench wraps CallQueue.run,
 * TokenSession's methods and HttpsExchange.send on their prototypes, and listens on
 * the CA's Node server.
 */
import { CaClient } from '../../src/core/ca-client/index.js';
import { HttpsExchange } from '../../src/core/ca-client/https-exchange.js';
import { CallQueue } from '../../src/core/pkcs11/call-queue.js';
import { openModule, TokenSession } from '../../src/core/pkcs11/index.js';
import { StorageWizard } from '../../src/core/storage/index.js';
import { addApplication } from '../../src/server/operator.js';
import { provisionToken } from '../../src/server/token-provisioning.js';
import { createSoftHsm } from '../support/softhsm.js';
import { defaultApplication } from '../support/ca-server.js';
import { startBenchCa } from './ca-fixture.js';
import { round, summarize, type BenchOptions, type BenchResult } from './stats.js';

type Part = 'tokenKeygen' | 'tokenSigning' | 'certificateWrite' | 'verification' | 'tokenOther' | 'httpsRoundTrips' | 'caSide';

interface Probe {
  step: string | undefined;
  op: string | undefined;
  token: Record<Exclude<Part, 'httpsRoundTrips' | 'caSide'>, number>;
  httpsMs: number;
  requests: number;
  pkcs11Calls: number;
}

const fresh = (): Probe => ({
  step: undefined,
  op: undefined,
  token: { tokenKeygen: 0, tokenSigning: 0, certificateWrite: 0, verification: 0, tokenOther: 0 },
  httpsMs: 0,
  requests: 0,
  pkcs11Calls: 0,
});

let probe: Probe | undefined;

function tokenPart(op: string | undefined, step: string | undefined): keyof Probe['token'] {
  if (op === 'generateRsaKeyPair') return 'tokenKeygen';
  if (op === 'sign' && step === 'certificateRequest') return 'tokenSigning';
  if (step === 'certificateWrite') return 'certificateWrite';
  if (step === 'verification') return 'verification';
  return 'tokenOther';
}

/** Installs the timing wrappers once (they only record while a probe is set). */
function instrument(): void {
  const queueRun = CallQueue.prototype.run;
  CallQueue.prototype.run = function <T>(this: CallQueue, work: () => T | Promise<T>): Promise<T> {
    const current = probe;
    if (!current) return queueRun.call(this, work) as Promise<T>;
    // The queue is entered synchronously from the TokenSession method that names the call.
    const part = tokenPart(current.op, current.step);
    current.op = undefined;
    return queueRun.call(this, () => {
      const t0 = performance.now();
      const done = () => {
        current.token[part] += performance.now() - t0;
        current.pkcs11Calls += 1;
      };
      let result: T | Promise<T>;
      try {
        result = work();
      } catch (error) {
        done();
        throw error;
      }
      if (result instanceof Promise) return result.finally(done);
      done();
      return result;
    }) as Promise<T>;
  };
  const proto = TokenSession.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  for (const name of Object.getOwnPropertyNames(TokenSession.prototype)) {
    const original = proto[name];
    if (name === 'constructor' || typeof original !== 'function') continue;
    proto[name] = function (this: unknown, ...args: unknown[]) {
      if (probe) probe.op = name;
      return original.apply(this, args);
    };
  }
  const send = HttpsExchange.prototype.send;
  HttpsExchange.prototype.send = async function (this: HttpsExchange, ...args: Parameters<HttpsExchange['send']>) {
    const current = probe;
    const t0 = performance.now();
    try {
      return await send.apply(this, args);
    } finally {
      if (current) {
        current.httpsMs += performance.now() - t0;
        current.requests += 1;
      }
    }
  };
}

export async function runStorageBench(options: BenchOptions): Promise<BenchResult> {
  const runs = options.quick ? 5 : 20;
  instrument();
  const ca = await startBenchCa();
  const rows: Array<Record<Part | 'total' | 'ownOverhead', number> & { steps: Record<string, number>; requests: number; pkcs11Calls: number }> = [];
  try {
    options.log(`storage: ${runs} Flow A runs (plus one warm-up), each on a fresh SoftHSM2 token`);
    for (let i = 0; i <= runs; i += 1) {
      // Untimed: a fresh token, made CA-managed, and its application (as the CA's mail announces it).
      const hsm = createSoftHsm({ tokens: 1, label: 'TokenDesk bench' });
      const token = hsm.tokens[0]!;
      try {
        await provisionToken(ca.ctx!, { modulePath: hsm.modulePath, serial: token.serial, label: 'TokenDesk', currentSoPin: token.soPin });
        const application = await addApplication(ca.ctx!, { ...defaultApplication, tokenSerial: token.serial });
        const module = await openModule(hsm.modulePath);
        const client = new CaClient({ url: ca.url, trust: { caPem: ca.caPem } });
        try {
          const wizard = new StorageWizard({ module, ca: client });
          const current = fresh();
          const steps: Record<string, number> = {};
          const started: Record<string, number> = {};
          wizard.on('progress', (event) => {
            const at = performance.now();
            if (event.phase === 'start') {
              current.step = event.progress;
              started[event.progress] = at;
            } else {
              steps[event.progress] = round((steps[event.progress] ?? 0) + at - (started[event.progress] ?? at));
              current.step = undefined;
            }
          });
          ca.resetServerMs();
          probe = current;
          const t0 = performance.now();
          const detected = await wizard.detectToken();
          if (detected.error) throw detected.error;
          wizard.confirmUser();
          const checked = await wizard.submitStoragePin(application.storagePin);
          if (checked.error) throw checked.error;
          const done = await wizard.submitUserPin('Tarou123', 'Tarou123');
          const total = performance.now() - t0;
          probe = undefined;
          if (done.error || done.step !== 5) throw done.error ?? new Error(`the wizard stopped at STEP${done.step}`);
          wizard.dispose();
          if (i === 0) continue; // warm-up: JIT, TLS session, page cache
          const caSide = ca.serverMs();
          const measured = { ...current.token, httpsRoundTrips: current.httpsMs - caSide, caSide };
          const accounted = Object.values(measured).reduce((a, b) => a + b, 0);
          rows.push({ total, ...measured, ownOverhead: total - accounted, steps, requests: current.requests, pkcs11Calls: current.pkcs11Calls });
        } finally {
          probe = undefined;
          client.close();
          await module.release();
        }
      } finally {
        hsm.cleanup();
      }
    }
  } finally {
    await ca.stop();
  }
  const part = (key: Part | 'total' | 'ownOverhead') => summarize(rows.map((row) => row[key]));
  const own = part('ownOverhead');
  const stepNames = [...new Set(rows.flatMap((row) => Object.keys(row.steps)))];
  return {
    bench: 'storage',
    mode: options.quick ? 'quick' : 'full',
    flow: 'StorageWizard STEP1→STEP5 in process: SoftHSM2 token (RSA-2048 on the token), reference CA on 127.0.0.1 TLS (in the same process, test scrypt cost N=1024)',
    totalMs: part('total'),
    breakdownMs: {
      tokenKeygen: part('tokenKeygen'),
      tokenSigning: part('tokenSigning'),
      certificateWrite: part('certificateWrite'),
      verification: part('verification'),
      tokenOther: part('tokenOther'),
      httpsRoundTrips: part('httpsRoundTrips'),
      caSide: part('caSide'),
      ownOverhead: own,
    },
    notes: {
      token: 'time inside the PKCS#11 call queue, by what the call was for; tokenOther = SO/user logins, C_InitPIN, slot listings, sessions, object listings, deletions',
      https: 'httpsRoundTrips = time in HttpsExchange.send minus the CA\'s own handling (caSide): TLS, loopback, HTTP parsing on both ends',
      ownOverhead: 'total minus every measured part: CSR building, X.509 parsing and chain check, wizard state and events, promise hops',
    },
    requestsPerRun: rows[0]?.requests,
    pkcs11CallsPerRun: rows[0]?.pkcs11Calls,
    stepsMedianMs: Object.fromEntries(stepNames.map((name) => [name, summarize(rows.map((row) => row.steps[name] ?? 0)).median])),
    target: { ownOverheadMedianAtMostMs: 50, met: own.median <= 50 },
  };
}
