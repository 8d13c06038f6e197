/**
 * `npm run bench [-- --quick] [-- --only device-info,storage,ca-throughput,renderer,scale-out,portal-read,memory-bridge,memory-ca]`
 *
 * Each bench prints one JSON document on stdout (progress goes to stderr), with
 * medians, min/max (p50/p99 where latency) and ratios against a reference measured
 * in the same run on the same machine, under the same load.
 */
import { runCaThroughputBench } from './ca-throughput.js';
import { runDeviceInfoBench } from './device-info.js';
import { runMemoryBridgeBench } from './memory-bridge.js';
import { runMemoryCaBench } from './memory-ca.js';
import { runPortalReadBench } from './portal-read.js';
import { runRendererBench } from './renderer.js';
import { runScaleOutBench } from './scale-out.js';
import { machine, round, type BenchOptions, type BenchResult } from './stats.js';
import { runStorageBench } from './storage.js';

const BENCHES: Record<string, (options: BenchOptions) => Promise<BenchResult>> = {
  'device-info': runDeviceInfoBench,
  storage: runStorageBench,
  'ca-throughput': runCaThroughputBench,
  renderer: runRendererBench,
  'scale-out': runScaleOutBench,
  'portal-read': runPortalReadBench,
  'memory-bridge': runMemoryBridgeBench,
  'memory-ca': runMemoryCaBench,
};

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyIndex = args.findIndex((arg) => arg === '--only' || arg.startsWith('--only='));
const only = onlyIndex === -1 ? undefined : (args[onlyIndex]!.includes('=') ? args[onlyIndex]!.split('=')[1]! : args[onlyIndex + 1] ?? '').split(',').filter(Boolean);
const unknown = (only ?? []).filter((name) => !(name in BENCHES));
if (unknown.length > 0) {
  process.stderr.write(`unknown bench: ${unknown.join(', ')} (known: ${Object.keys(BENCHES).join(', ')})\n`);
  process.exit(2);
}

const started = performance.now();
const options: BenchOptions = { quick, log: (line) => process.stderr.write(`[bench ${round((performance.now() - started) / 1000, 1)}s] ${line}\n`) };
process.stdout.write(`${JSON.stringify({ bench: 'machine', ...machine() }, null, 2)}\n`);
let failed = false;
for (const [name, bench] of Object.entries(BENCHES)) {
  if (only && !only.includes(name)) continue;
  const t0 = performance.now();
  try {
    const result = await bench(options);
    process.stdout.write(`${JSON.stringify({ ...result, benchSeconds: round((performance.now() - t0) / 1000, 1) }, null, 2)}\n`);
  } catch (error) {
    failed = true;
    process.stdout.write(`${JSON.stringify({ bench: name, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }, null, 2)}\n`);
  }
}
options.log(`done in ${round((performance.now() - started) / 1000, 1)} s`);
process.exitCode = failed ? 1 : 0;
