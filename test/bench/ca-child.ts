/**
 * The CA server for the throughput bench, in its own process (the load-generating
 * clients must not share its event loop): `startCaServer` on the data dir given,
 * one JSON line {url, port} on stdout when listening, closes when stdin ends.
 *
 * With BENCH_CA_PROFILE=<dir>, SIGUSR2 starts a V8 CPU profile and the next SIGUSR2
 * writes it to <dir> — so a profile covers one load phase, not start-up and set-up.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';
import { startCaServer } from '../../src/server/ca-server.js';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: ca-child.ts DATA_DIR');
const server = await startCaServer(dataDir, { host: '127.0.0.1' });

const profileDir = process.env.BENCH_CA_PROFILE;
if (profileDir) {
  const inspector = new Session();
  inspector.connect();
  let profiling = false;
  let phase = 0;
  process.on('SIGUSR2', () => {
    void (async () => {
      if (!profiling) {
        profiling = true;
        await inspector.post('Profiler.enable');
        await inspector.post('Profiler.start');
        return;
      }
      profiling = false;
      const { profile } = await inspector.post('Profiler.stop');
      phase += 1;
      writeFileSync(join(profileDir, `ca-phase-${phase}.cpuprofile`), JSON.stringify(profile));
    })();
  });
}

process.stdout.write(`${JSON.stringify({ url: server.url, port: server.port })}\n`);
process.stdin.resume();
process.stdin.on('end', () => {
  void server.close().then(() => process.exit(0));
});
