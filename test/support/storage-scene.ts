/**
 * Everything Flow A needs, real: a SoftHSM2 (or native eToken sim) token, the
 * reference CA on loopback TLS, the token provisioned by the CA (CA-managed: the
 * CA holds its SO PIN) and an application for it, as the CA's mail announces it.
 */
import { CaClient } from '../../src/core/ca-client/index.js';
import { openModule, type Pkcs11Module } from '../../src/core/pkcs11/index.js';
import type { ApplicationInput, StoragePinNotice } from '../../src/server/operator.js';
import { provisionToken } from '../../src/server/token-provisioning.js';
import { openCaContext, closeCaContext } from '../../src/server/ca-context.js';
import { StorageWizard, type WizardState } from '../../src/core/storage/index.js';
import { startTestCa, type TestCa, type TestCaOptions } from './ca-server.js';
import { createSoftHsm, type SoftHsm } from './softhsm.js';

export interface StorageScene {
  ca: TestCa;
  module: Pkcs11Module;
  client: CaClient;
  tokenSerial: string;
  application: StoragePinNotice;
  close(): Promise<void>;
}

/** Makes a token CA-managed, as `tokendesk ca token provision` does. */
export async function provision(ca: TestCa, modulePath: string, serial: string, currentSoPin: string): Promise<void> {
  const ctx = await openCaContext(ca.dataDir, { ...process.env, TOKENDESK_CA_DATA: ca.dataDir });
  try {
    await provisionToken(ctx, { modulePath, serial, label: 'TokenDesk', currentSoPin });
  } finally {
    await closeCaContext(ctx);
  }
}

export async function createStorageScene(options: {
  modulePath: string;
  tokenSerial: string;
  soPin: string;
  application?: Partial<ApplicationInput>;
  ca?: TestCaOptions;
  provision?: boolean;
}): Promise<StorageScene> {
  const ca = await startTestCa(options.ca);
  if (options.provision !== false) await provision(ca, options.modulePath, options.tokenSerial, options.soPin);
  const application = await ca.addApplication({ tokenSerial: options.tokenSerial, ...options.application });
  const module = await openModule(options.modulePath);
  const client = new CaClient({ url: ca.url, trust: { caPem: ca.caCertificatePem } });
  return {
    ca,
    module,
    client,
    tokenSerial: options.tokenSerial,
    application,
    async close() {
      client.close();
      await module.release();
      await ca.stop();
    },
  };
}

export interface SoftHsmStorageScene extends StorageScene {
  /** The SoftHSM2 the scene's token lives in; close() removes it too. */
  hsm: SoftHsm;
}

/**
 * The usual scene: a fresh SoftHSM2 with one token, and everything Flow A needs for it;
 * `options` shape the application and the CA as createStorageScene's do (a pending
 * application, the CA's Retry-After …).
 */
export async function createSoftHsmStorageScene(options: { application?: Partial<ApplicationInput>; ca?: TestCaOptions } = {}): Promise<SoftHsmStorageScene> {
  const hsm = createSoftHsm({ tokens: 1 });
  const token = hsm.tokens[0]!;
  try {
    const scene = await createStorageScene({ modulePath: hsm.modulePath, tokenSerial: token.serial, soPin: token.soPin, ...options });
    return {
      ...scene,
      hsm,
      async close() {
        try {
          await scene.close();
        } finally {
          hsm.cleanup();
        }
      },
    };
  } catch (error) {
    hsm.cleanup();
    throw error;
  }
}

/** Flow A straight through on the scene's token: STEP1 to STEP5 with these PINs. */
export async function storeWithWizard(scene: StorageScene, userPin: string, storagePin = scene.application.storagePin): Promise<WizardState> {
  const wizard = new StorageWizard({ module: scene.module, ca: scene.client });
  try {
    await wizard.detectToken();
    wizard.confirmUser();
    await wizard.submitStoragePin(storagePin);
    return await wizard.submitUserPin(userPin, userPin);
  } finally {
    wizard.dispose();
  }
}
