/**
 * Bench — a CA page's `readDevice` through the device module (after consent, the
 * PIN answered at once by a stand-in for the user) against the in-process device
 * read (`readDeviceInfo`) on the same SoftHSM2 token, interleaved run by run. The
 * portal's round trip adds: the WebSocket frames and JSON, the consent check, the
 * token check before the prompt (one listing, which the read then uses), the prompt
 * itself, and the public certificate for the page. The ratio says what all of that costs.
 *
 * Measured as the device module runs for a user (portal-read-pair.ts): compiled as the
 * app and the agent ship (compiled.ts; tsx's per-closure __name() is printed beside,
 * `asTsxRunsIt`), with the user's grants kept in a file as every host keeps them (a
 * grant's bookkeeping on each call is timed too). Both sides get the same 30 untimed
 * runs first (a host answers pages for hours: the steady state is what a page meets),
 * then alternate run by run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCompiled } from './compiled.js';
import { tokenWithCertificate } from './device-info.js';
import * as asTsxRunsIt from './portal-read-pair.js';
import { median, ratio, round, summarize, timeInterleaved, withCpuTime, type BenchOptions, type BenchResult } from './stats.js';

type PortalReadPair = typeof asTsxRunsIt;

const ORIGIN = 'https://portal.ca.example.jp';
/** Issue 20 item 5: the page's round trip within 1.3× the in-process read on the same token. */
const PORTAL_READ_TARGET = 1.3;
const WARMUP_RUNS = 30;

export async function runPortalReadBench(options: BenchOptions): Promise<BenchResult> {
  const runs = options.quick ? 10 : 100;
  const compiled = await importCompiled<PortalReadPair>('test/bench/portal-read-pair.ts', 'portal-read-pair');
  const { hsm, pin, serial } = await tokenWithCertificate();
  const grantsDir = mkdtempSync(join(tmpdir(), 'tokendesk-bench-grants-'));
  const side = (pair: PortalReadPair, name: string) => pair.openPortalSide({ modulePath: hsm.modulePath, pin, serial, origin: ORIGIN, grantsFile: join(grantsDir, `${name}.json`) });
  const portal = await side(compiled, 'compiled');
  const portalTsx = await side(asTsxRunsIt, 'tsx');
  try {
    options.log(`portal-read: ${WARMUP_RUNS} warm-up and ${runs} timed runs each (portal round trip, in-process read; compiled, and as tsx runs them), interleaved`);
    const sides = {
      portal: withCpuTime(() => portal.read()),
      inProcess: withCpuTime(() => compiled.inProcessRead(hsm.modulePath, serial, pin)),
      portalTsx: withCpuTime(() => portalTsx.read()),
      inProcessTsx: withCpuTime(() => asTsxRunsIt.inProcessRead(hsm.modulePath, serial, pin)),
    };
    for (let i = 0; i < WARMUP_RUNS; i += 1) for (const side of Object.values(sides)) await side.work();
    for (const side of Object.values(sides)) side.reset();
    const samples = await timeInterleaved(runs, { portal: sides.portal.work, inProcess: sides.inProcess.work, portalTsx: sides.portalTsx.work, inProcessTsx: sides.inProcessTsx.work }, 0);
    const cpu = { portal: sides.portal.perReadMs(), inProcess: sides.inProcess.perReadMs() };
    const portalRead = summarize(samples.portal);
    const inProcess = summarize(samples.inProcess);
    const portalVsInProcess = ratio(portalRead, inProcess);
    return {
      bench: 'portal-read',
      mode: options.quick ? 'quick' : 'full',
      portalReadDevice: portalRead,
      inProcessReadDeviceInfo: inProcess,
      ratio: portalVsInProcess,
      overheadMs: Math.round((portalRead.median - inProcess.median) * 100) / 100,
      // Each round's two runs are next to each other in time: their ratio, taken round by round, shrugs off a load that drifts over the run.
      ratioMedianOfRounds: round(median(samples.portal.map((ms, i) => ms / samples.inProcess[i]!)), 3),
      cpuPerReadMs: {
        ...cpu,
        ratio: ratio(cpu.portal, cpu.inProcess),
        overheadMs: round(cpu.portal - cpu.inProcess, 3),
        note: 'process.cpuUsage around each run (all threads: the thread pool, and the page, which shares the process): less at the mercy of other load than wall time',
      },
      compiled: 'both sides bundled by esbuild as the app and the agent ship (no keepNames); dist/bench/portal-read-pair.mjs',
      asTsxRunsIt: { portalReadDevice: summarize(samples.portalTsx), inProcessReadDeviceInfo: summarize(samples.inProcessTsx), ratio: ratio(summarize(samples.portalTsx), summarize(samples.inProcessTsx)) },
      warmupRuns: WARMUP_RUNS,
      target: { ratioAtMost: PORTAL_READ_TARGET, met: portalVsInProcess <= PORTAL_READ_TARGET },
    };
  } finally {
    await portal.close();
    await portalTsx.close();
    hsm.cleanup();
    rmSync(grantsDir, { recursive: true, force: true });
  }
}
