/**
 * The portal-read bench's two sides on one token: a CA page's `readDevice` through the
 * device module (consent given, each PIN prompt answered at once by a stand-in for the
 * user) and the in-process device read (`readDeviceInfo`). The module keeps its grants
 * in a file, as its hosts (Electron, the bridge, the agent) all do.
 *
 * The bench runs this file compiled as TokenDesk ships its code (compiled.ts), and as
 * tsx runs it beside, for comparison with earlier rounds.
 */
import { readDeviceInfo } from '../../src/core/device-info/index.js';
import { Secret } from '../../src/core/secrets/secret.js';
import { createPortalDesk, startDeviceModule } from '../../src/device-module/index.js';
import { PortalClient } from '../support/portal-client.js';

export interface PortalSide {
  read(): Promise<void>;
  close(): Promise<void>;
}

export async function openPortalSide(options: { modulePath: string; pin: string; serial: string; origin: string; grantsFile: string }): Promise<PortalSide> {
  const desk = createPortalDesk({ consentFile: options.grantsFile });
  desk.consent.grant(options.origin, 'always');
  // The user, answering each PIN prompt the moment it appears.
  const stopAnswering = desk.subscribePrompts(({ prompts }) => {
    for (const prompt of prompts) if (prompt.kind === 'pin') queueMicrotask(() => desk.answer({ id: prompt.id, decision: 'submit', pin: options.pin }));
  });
  const module = await startDeviceModule({ desk, modulePath: async () => options.modulePath, port: 0 });
  const page = await PortalClient.open(module.url, options.origin);
  return {
    async read() {
      const answer = await page.call('readDevice', { expectedSerial: options.serial });
      if (!answer.ok) throw new Error(`readDevice failed: ${answer.error?.code}`);
    },
    async close() {
      page.close();
      stopAnswering();
      await module.close();
    },
  };
}

export async function inProcessRead(modulePath: string, serial: string, pin: string): Promise<void> {
  const secret = new Secret(pin);
  try {
    const { info } = await readDeviceInfo({ modulePath, serial, userPin: secret });
    if (!info) throw new Error('no device information');
  } finally {
    secret.wipe();
  }
}
