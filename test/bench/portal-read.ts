/**
 * Bench — a CA page's `readDevice` through the device module (after consent, the
 * PIN answered at once by a stand-in for the user) against the in-process device
 * read (`readDeviceInfo`) on the same SoftHSM2 token, interleaved run by run. The
 * portal's round trip adds: the WebSocket frames and JSON, the consent check, the
 * token check before the prompt (one listing), the prompt itself, and the public
 * certificate read for the page. The ratio says what all of that costs.
 *
 * The device module runs as its hosts run it: with the user's grants kept in a file
 * (Electron, the bridge and the agent all pass one), so a grant's bookkeeping on each
 * call is timed too; without one, a write the product made on every call went unseen.
 * Both sides get the same 30 untimed runs first (a host answers pages for hours: the
 * steady state is what a page meets), then alternate run by run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDeviceInfo } from '../../src/core/device-info/index.js';
import { Secret } from '../../src/core/secrets/secret.js';
import { createPortalDesk, startDeviceModule } from '../../src/device-module/index.js';
import { PortalClient } from '../support/portal-client.js';
import { tokenWithCertificate } from './device-info.js';
import { ratio, summarize, timeInterleaved, type BenchOptions, type BenchResult } from './stats.js';

const ORIGIN = 'https://portal.ca.example.jp';
/** Issue 20 item 5: the page's round trip within 1.3× the in-process read on the same token. */
const PORTAL_READ_TARGET = 1.3;
const WARMUP_RUNS = 30;

export async function runPortalReadBench(options: BenchOptions): Promise<BenchResult> {
  const runs = options.quick ? 10 : 40;
  const { hsm, pin, serial } = await tokenWithCertificate();
  const grantsDir = mkdtempSync(join(tmpdir(), 'tokendesk-bench-grants-'));
  const desk = createPortalDesk({ consentFile: join(grantsDir, 'portal-grants.json') });
  desk.consent.grant(ORIGIN, 'always');
  // The user, answering each PIN prompt the moment it appears.
  const stopAnswering = desk.subscribePrompts(({ prompts }) => {
    for (const prompt of prompts) if (prompt.kind === 'pin') queueMicrotask(() => desk.answer({ id: prompt.id, decision: 'submit', pin }));
  });
  const module = await startDeviceModule({ desk, modulePath: async () => hsm.modulePath, port: 0 });
  const page = await PortalClient.open(module.url, ORIGIN);
  try {
    options.log(`portal-read: ${runs} runs each (portal round trip, in-process read), interleaved`);
    const samples = await timeInterleaved(
      runs,
      {
        portal: async () => {
          const answer = await page.call('readDevice', { expectedSerial: serial });
          if (!answer.ok) throw new Error(`readDevice failed: ${answer.error?.code}`);
        },
        inProcess: async () => {
          const secret = new Secret(pin);
          try {
            const { info } = await readDeviceInfo({ modulePath: hsm.modulePath, serial, userPin: secret });
            if (!info) throw new Error('no device information');
          } finally {
            secret.wipe();
          }
        },
      },
      WARMUP_RUNS,
    );
    const portal = summarize(samples.portal);
    const inProcess = summarize(samples.inProcess);
    const portalVsInProcess = ratio(portal, inProcess);
    return {
      bench: 'portal-read',
      mode: options.quick ? 'quick' : 'full',
      portalReadDevice: portal,
      inProcessReadDeviceInfo: inProcess,
      ratio: portalVsInProcess,
      overheadMs: Math.round((portal.median - inProcess.median) * 100) / 100,
      warmupRuns: WARMUP_RUNS,
      target: { ratioAtMost: PORTAL_READ_TARGET, met: portalVsInProcess <= PORTAL_READ_TARGET },
    };
  } finally {
    page.close();
    stopAnswering();
    await module.close();
    hsm.cleanup();
    rmSync(grantsDir, { recursive: true, force: true });
  }
}
