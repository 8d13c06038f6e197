/**
 * The device module as its three hosts start it — Electron main, the bridge
 * (browser build and demo) and `tokendesk agent` — with the same core: a desk of
 * prompts and the user's grants (createPortalDesk), then the portal API on its
 * port (startDeviceModule). The host shows the desk's prompts: TokenDesk's window
 * through TokenDeskApi (portalPrompts / answerPortalPrompt), or the terminal.
 */
import { ConsentStore } from './consent-store.js';
import { readPolicyFile, systemPolicyFile } from './policy-file.js';
import { listenPortal } from './portal-server.js';
import { DEFAULT_PORTAL_PORT } from './portal-protocol.js';
import { PresenceHub } from './presence-hub.js';
import { PRODUCT } from './product.js';
import { PromptDesk } from './prompt-desk.js';

export interface PortalDeskOptions {
  /** Where "allow always" grants persist; undefined: memory only. */
  consentFile?: string;
  /** The CA's list of portal origins (https only, exact); default: the machine-wide file if there is one (systemPolicyFile). A bad entry fails the start with TD-PORTAL-POLICY-INVALID. */
  policyFile?: string;
  grantDays?: number;
  denyWaitMs?: number;
  promptTimeoutMs?: number;
  now?: () => number;
}

export function createPortalDesk(options: PortalDeskOptions = {}): PromptDesk {
  const policyFile = options.policyFile ?? systemPolicyFile();
  const consent = new ConsentStore({
    ...(options.consentFile ? { file: options.consentFile } : {}),
    ...(policyFile ? { policy: readPolicyFile(policyFile) } : {}),
    ...(options.grantDays !== undefined ? { grantDays: options.grantDays } : {}),
    ...(options.denyWaitMs !== undefined ? { denyWaitMs: options.denyWaitMs } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
  return new PromptDesk(consent, {
    ...(options.promptTimeoutMs !== undefined ? { promptTimeoutMs: options.promptTimeoutMs } : {}),
    ...(options.now ? { now: options.now } : {}),
  });
}

export interface DeviceModuleOptions {
  desk: PromptDesk;
  /** The PKCS#11 library in effect, asked at each call (the host's settings may change). */
  modulePath: () => Promise<string | undefined>;
  /** Default DEFAULT_PORTAL_PORT (47211); 0: any free port (tests). */
  port?: number;
  presenceIntervalMs?: number;
  /** One line per refusal or ended connection; never a request body. */
  log?: (line: string) => void;
}

export interface RunningDeviceModule {
  port: number;
  /** ws://127.0.0.1:PORT/ — what a CA's page connects to. */
  url: string;
  desk: PromptDesk;
  close(): Promise<void>;
}

export async function startDeviceModule(options: DeviceModuleOptions): Promise<RunningDeviceModule> {
  const presence = new PresenceHub(options.modulePath, options.presenceIntervalMs);
  const server = await listenPortal(
    options.port ?? DEFAULT_PORTAL_PORT,
    { desk: options.desk, consent: options.desk.consent, presence, modulePath: options.modulePath, product: PRODUCT },
    options.log ?? (() => undefined),
  );
  return {
    port: server.port,
    url: `ws://127.0.0.1:${server.port}/`,
    desk: options.desk,
    async close() {
      options.desk.close();
      await server.close();
      await presence.close();
    },
  };
}
