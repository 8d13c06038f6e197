/**
 * TokenDesk as a person meets it in a browser, all real: a fresh SoftHSM2 token
 * (or native eToken sim token) made CA-managed by the reference CA, an application
 * for it as the CA's mail announces it, and the bridge serving the built renderer
 * and TokenDeskApi on 127.0.0.1 — its wizard on a clock a test can move forward, to make
 * five minutes pass at once.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBridge, type RunningBridge } from '../../../src/bridge/index.js';
import type { StoragePinNotice } from '../../../src/server/operator.js';
import { startTestCa, type TestCa } from '../../support/ca-server.js';
import { createEtokenSim, type EtokenSim } from '../../support/etoken-sim.js';
import { skippableClock, type SkippableClock } from './skippable-clock.js';
import { createSoftHsm, type SoftHsm } from '../../support/softhsm.js';
import { provision } from '../../support/storage-scene.js';
import { openModule } from '../../../src/core/pkcs11/index.js';
import { putSeedLikeCertificate, type SeedLikeCertificate } from '../../integration/card/seed-like-certificate.js';

export interface TokenDeskApp {
  url: string;
  bridge: RunningBridge;
  ca: TestCa;
  clock: SkippableClock;
  /** The token's serial as PKCS#11 (and the UI) shows it. */
  tokenSerial: string;
  /** The token's user PIN before the wizard sets a new one. */
  initialUserPin: string;
  application: StoragePinNotice;
  sim: EtokenSim | undefined;
  modulePath: string;
  close(): Promise<void>;
}

export interface AppOptions {
  /** 'softhsm' (default) or the native eToken sim, which can lock a PIN. */
  token?: 'softhsm' | 'sim';
  /** User PIN tries before the sim locks (sim only). */
  maxRetries?: number;
  /**
   * The CA answers 202 until the test approves the application (ca.approve): STEP4's
   * work then waits, asking again every second, so the busy screen can be looked at.
   */
  pendingApproval?: boolean;
  /** false: leave the token as its maker set it up (its own SO and user PIN), not CA-managed. */
  provision?: boolean;
  /** Also host the device module (portal API for CA pages) on a free port; its prompts appear in the page. */
  portal?: boolean;
  /** The token's user PIN as its maker set it (SoftHSM only); an IC card's is digits. */
  userPin?: string;
  /** Make the token an IC card: a key pair and a certificate shaped like the seeds' (SoftHSM only). */
  card?: SeedLikeCertificate;
  /** The settings' language, which the page is served in (default Japanese). */
  language?: 'ja' | 'en';
}

export async function startTokenDeskApp(options: AppOptions = {}): Promise<TokenDeskApp> {
  const sim = options.token === 'sim' ? createEtokenSim({ tokens: 1, ...(options.maxRetries ? { maxRetries: options.maxRetries } : {}) }) : undefined;
  const hsm: SoftHsm = sim ? sim.softhsm : createSoftHsm({ tokens: 1, ...(options.userPin ? { userPin: options.userPin } : {}) });
  const token = hsm.tokens[0]!;
  const tokenSerial = sim ? sim.tokens[0]!.simSerial : token.serial;
  const modulePath = sim ? sim.modulePath : hsm.modulePath;

  if (options.card) {
    // Before the bridge opens the library: one PKCS#11 initialization at a time per process.
    const module = await openModule(modulePath);
    try {
      await putSeedLikeCertificate(module, tokenSerial, token.userPin, options.card);
    } finally {
      await module.release();
    }
  }

  const ca = await startTestCa(options.pendingApproval ? { settings: { retryAfterSeconds: 1 } } : {});
  try {
    if (options.provision !== false) await provision(ca, modulePath, tokenSerial, token.soPin);
    const application = await ca.addApplication({ tokenSerial, ...(options.pendingApproval ? { pending: true } : {}) });
    const caTrustPath = join(hsm.root, 'ca.pem');
    writeFileSync(caTrustPath, ca.caCertificatePem);
    const clock = skippableClock();
    const bridge = await startBridge({
      serviceOptions: {
        settings: { modulePath, caUrl: ca.url, caTrustPath, caPins: [], language: options.language ?? 'ja' },
        settingsFile: false,
        clock,
        ...(options.pendingApproval ? { approvalWaitMs: 60_000 } : {}),
      },
      ...(options.portal ? { deviceModule: { port: 0, presenceIntervalMs: 300, denyWaitMs: 60_000 } } : {}),
    });
    return {
      url: bridge.url,
      bridge,
      ca,
      clock,
      tokenSerial,
      initialUserPin: token.userPin,
      application,
      sim,
      modulePath,
      async close() {
        await bridge.close();
        await ca.stop();
        hsm.cleanup();
      },
    };
  } catch (error) {
    await ca.stop();
    hsm.cleanup();
    throw error;
  }
}
