/**
 * Bench — memory of the bridge over many device reads (issue 20 item 7, the bridge
 * half). The bridge runs as its own process, as `npm run bridge` runs it, on a
 * SoftHSM2 token holding a certificate, hosting the device module as it does by
 * default. Driven only through its real WebSocket APIs:
 *  - the renderer's API (`readDeviceInfo` with the user PIN), as TokenDesk's own page calls it;
 *  - the device module (a CA page's `readDevice`, access allowed once with "always",
 *    each PIN prompt answered through the renderer's API the moment it appears).
 * After a warm-up of as many reads of each kind as are then measured, its resident set
 * is read from outside (/proc/PID/status VmRSS: what the OS holds for it, allocator and
 * V8 heap alike) after a settle; then each kind of read is repeated and the resident set
 * read again. Nothing is forced: the bridge never calls gc() itself, so neither does the
 * bench. The settle is long enough (full run) for V8's memory reducer, which collects a
 * heap left idle after allocating (it waits ~8 s): a resident set read right after a
 * burst of reads says where V8's heap sizing stood, ±10 % from run to run, not what the
 * reads kept.
 *
 * Why the warm-up is as long as the run: the resident set climbs to this load's working
 * set in V8's heap-growth steps and then stays flat. Sampled every 100 reads after an
 * idle-shrunk start it went 101 → 110 MiB over 800 bridge reads, stepped to 123 and
 * reached 128.6 by the 2,700th, then held at 128.6 for 1,300 more bridge reads and
 * moved 128.6 → 130.5 over 4,000 device-module reads. With 100 warm-up reads each the
 * baseline was wherever the first steps had left it — 121 MiB in one run, 126–136 in six
 * others of the same code — and that run read +16.4 % with a final reading (141 MiB)
 * inside the others' 130–141. The resident set every 100 reads, warm-up included, is
 * printed too: a leak climbs through the run, heap sizing steps and then holds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import { connectTokenDesk, type TokenDeskApi } from '../../src/api/index.js';
import { PortalClient } from '../support/portal-client.js';
import { startServerProcess } from '../support/server-process.js';
import { tokenWithCertificate } from './device-info.js';
import { rssKiB, settledRssMiB, settleMs } from './proc-stats.js';
import { round, type BenchOptions, type BenchResult } from './stats.js';

const ORIGIN = 'https://portal.ca.example.jp';
/** Issue 20 item 7: the resident set after the reads at most 10% above its size after warm-up. */
const GROWTH_TARGET_PERCENT = 10;
/** The browser's WebSocket sends its page's Origin; Node's must be told. */
function browserLike(origin: string): typeof globalThis.WebSocket {
  return class extends WebSocket {
    constructor(url: string) {
      super(url, { origin });
    }
  } as unknown as typeof globalThis.WebSocket;
}

interface Phase {
  reads: number;
  rssBeforeMiB: number;
  rssAfterMiB: number;
  growthPercent: number;
  target: { growthPercentAtMost: number; met: boolean };
}

function phase(reads: number, before: number, after: number): Phase {
  const growthPercent = round(((after - before) / before) * 100, 1);
  return { reads, rssBeforeMiB: before, rssAfterMiB: after, growthPercent, target: { growthPercentAtMost: GROWTH_TARGET_PERCENT, met: growthPercent <= GROWTH_TARGET_PERCENT } };
}

export async function runMemoryBridgeBench(options: BenchOptions): Promise<BenchResult> {
  const reads = options.quick ? 200 : 1000;
  const warmup = reads;
  const { hsm, pin, serial } = await tokenWithCertificate();
  const dir = mkdtempSync(join(tmpdir(), 'tokendesk-bench-memory-'));
  options.log('memory-bridge: starting the bridge as its own process (npm run bridge)');
  const bridge = await startServerProcess<{ url: string; wsUrl: string; portalUrl: string }>(
    'src/bridge/main.ts',
    ['--json', '--quiet', '--module', hsm.modulePath, '--settings', join(dir, 'settings.json'), '--portal-port', '0'],
    { env: { ...process.env, SOFTHSM2_CONF: hsm.conf } },
  );
  const pid = bridge.child.pid!;
  const secret = new URL(bridge.started.url).hash.replace(/^#secret=/, '');
  const client = connectTokenDesk({ url: bridge.started.wsUrl, secret, WebSocketImpl: browserLike(new URL(bridge.started.url).origin) });
  let page: PortalClient | undefined;
  let stopAnswering = () => {};
  try {
    await client.ready;
    const api: TokenDeskApi = client.api;
    // The user, answering through TokenDesk's own page: access always, then each PIN at once.
    stopAnswering = api.onPortalPrompts(({ prompts }) => {
      for (const prompt of prompts) {
        const answer = prompt.kind === 'access' ? ({ id: prompt.id, decision: 'always' } as const) : ({ id: prompt.id, decision: 'submit', pin } as const);
        void api.answerPortalPrompt(answer);
      }
    });
    page = await PortalClient.open(bridge.started.portalUrl, ORIGIN);
    const access = await page.call('requestAccess');
    if (!access.ok) throw new Error(`requestAccess failed: ${access.error?.code}`);
    const portalPage = page;

    const bridgeRead = async () => {
      const reply = await api.readDeviceInfo({ userPin: pin });
      if (!reply.ok || reply.value.info?.health !== 'healthy') throw new Error(`readDeviceInfo over the bridge failed: ${JSON.stringify(reply).slice(0, 300)}`);
    };
    const portalRead = async () => {
      const answer = await portalPage.call('readDevice', { expectedSerial: serial });
      if (!answer.ok) throw new Error(`readDevice failed: ${answer.error?.code}`);
    };
    // The page client keeps every frame it saw (for tests): forgotten here, it is the bench's memory, not the bridge's.
    const forgetFrames = () => {
      portalPage.frames.length = 0;
      portalPage.events.length = 0;
    };

    options.log(`memory-bridge: ${warmup} warm-up reads each (bridge API, device module)`);
    const warmUpTrace: number[] = [];
    for (let i = 0; i < warmup; i += 1) {
      await bridgeRead();
      await portalRead();
      if (i % 100 === 99) {
        forgetFrames();
        warmUpTrace.push(round(rssKiB(pid) / 1024, 1));
      }
    }
    forgetFrames();
    const settle = settleMs(options.quick);
    options.log(`memory-bridge: settling ${settle / 1000} s, then ${reads} device reads over the renderer's API`);
    const warm = await settledRssMiB(pid, settle);
    const bridgeTrace: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < reads; i += 1) {
      await bridgeRead();
      if (i % 100 === 99) bridgeTrace.push(round(rssKiB(pid) / 1024, 1));
    }
    const bridgeSeconds = (performance.now() - t0) / 1000;
    const afterBridge = await settledRssMiB(pid, settle);
    options.log(`memory-bridge: ${reads} readDevice calls through the device module`);
    const portalTrace: number[] = [];
    const t1 = performance.now();
    for (let i = 0; i < reads; i += 1) {
      await portalRead();
      if (i % 100 === 99) {
        forgetFrames();
        portalTrace.push(round(rssKiB(pid) / 1024, 1));
      }
    }
    const portalSeconds = (performance.now() - t1) / 1000;
    const afterPortal = await settledRssMiB(pid, settle);
    const bridgeApi = phase(reads, warm, afterBridge);
    const deviceModule = phase(reads, afterBridge, afterPortal);
    const both = phase(2 * reads, warm, afterPortal);
    return {
      bench: 'memory-bridge',
      mode: options.quick ? 'quick' : 'full',
      process: 'the bridge (tsx src/bridge/main.ts, as npm run bridge), hosting the device module; SoftHSM2 token with a certificate',
      measured: `VmRSS from /proc/PID/status, median of 5 readings after ${settle / 1000} s idle; no gc() forced`,
      warmupReadsEach: warmup,
      rssEvery100WarmUpReadsEachMiB: warmUpTrace,
      rssAfterWarmupMiB: warm,
      bridgeApi: { ...bridgeApi, readsPerSecond: round(reads / bridgeSeconds, 1), rssEvery100ReadsMiB: bridgeTrace },
      deviceModule: { ...deviceModule, readsPerSecond: round(reads / portalSeconds, 1), rssEvery100ReadsMiB: portalTrace },
      rssAfterAllMiB: afterPortal,
      growthPercent: both.growthPercent,
      target: both.target,
    };
  } finally {
    stopAnswering();
    page?.close();
    client.close();
    await bridge.stop();
    rmSync(dir, { recursive: true, force: true });
    hsm.cleanup();
  }
}
