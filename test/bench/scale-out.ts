/**
 * `npm run bench -- --only scale-out`: enrollments per second on 1 and 3 `ca serve`
 * instances over one PostgreSQL, and on 1 over SQLite, in one run, as ratios.
 *
 * On this 2-core machine the point is correctness and the cost of the shared database,
 * not speed-up: three instances share the same two cores (and the client and
 * PostgreSQL run there too), so 3 instances are not expected to beat 1.
 * Each enrollment is a plain EST simpleenroll (storage-PIN reservation + scrypt at the
 * test cost + issuance), every one a first issuance on its own application.
 */
import { Agent, request } from 'node:https';
import { addApplication, type StoragePinNotice } from '../../src/server/operator.js';
import { startCaCluster, type CaCluster } from '../support/ca-cluster.js';
import { defaultApplication } from '../support/ca-server.js';
import { makeCsr } from '../support/csr.js';
import { startTestPostgres, type TestPostgres } from '../support/postgres.js';
import { cpuMs, processFamilyCpuMs } from './proc-stats.js';
import { round, type BenchOptions, type BenchResult } from './stats.js';

const CONCURRENCY = 16;

interface Run {
  setup: string;
  instances: number;
  enrollments: number;
  seconds: number;
  perSecond: number;
  /**
   * CPU milliseconds (user + system) per timed enrollment: the CA processes (every
   * thread: event loop, libuv's pool with scrypt and the RSA signature), PostgreSQL (the
   * postmaster and all its processes; 0 on SQLite, which works inside the CA process),
   * their sum, and the client in the bench process.
   */
  cpuMsPerEnrollment: { ca: number; postgres: number | null; server: number; client: number };
}

/** CPU of the CA processes and of PostgreSQL's processes, as a counter over the run. */
interface ServerCpu {
  ca(): number;
  postgres(): number | null;
}

function enroll(agent: Agent, url: string, notice: StoragePinNotice, csr: string): Promise<number> {
  return new Promise((resolveStatus, reject) => {
    const auth = Buffer.from(`${notice.applicationNo}:${notice.storagePin}`).toString('base64');
    const req = request(new URL('/.well-known/est/simpleenroll', url), { method: 'POST', agent, headers: { authorization: `Basic ${auth}`, 'content-type': 'application/pkcs10' } }, (res) => {
      res.resume();
      res.on('end', () => resolveStatus(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(csr);
  });
}

async function measure(setup: string, cluster: CaCluster, cpu: ServerCpu, count: number, csr: string, log: (line: string) => void): Promise<Run> {
  log(`scale-out: ${setup}: adding ${count} applications`);
  const notices: StoragePinNotice[] = [];
  for (let i = 0; i < count; i++) notices.push(await addApplication(cluster.operator, defaultApplication));
  const agents = cluster.instances.map((instance) => new Agent({ keepAlive: true, maxSockets: CONCURRENCY, ca: instance.caCertificatePem }));
  try {
    // Open the keep-alive connections before timing.
    const warm = await Promise.all(Array.from({ length: CONCURRENCY }, (_, i) => enroll(agents[i % agents.length]!, cluster.instances[i % agents.length]!.url, notices[i]!, csr)));
    if (warm.some((status) => status !== 200)) throw new Error(`warm-up enrollments answered ${warm.join(',')}`);
    const timed = notices.slice(CONCURRENCY);
    log(`scale-out: ${setup}: ${timed.length} enrollments, ${CONCURRENCY} clients spread over ${cluster.instances.length} instance(s)`);
    let next = 0;
    let failures = 0;
    const ca0 = cpu.ca();
    const postgres0 = cpu.postgres();
    const client0 = process.cpuUsage();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < timed.length) {
          const i = next++;
          const status = await enroll(agents[i % agents.length]!, cluster.instances[i % agents.length]!.url, timed[i]!, csr);
          if (status !== 200) failures += 1;
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const client = process.cpuUsage(client0);
    const perEnrollment = (ms: number) => round(ms / timed.length, 3);
    const caMs = cpu.ca() - ca0;
    const postgresMs = postgres0 === null ? null : cpu.postgres()! - postgres0;
    if (failures > 0) throw new Error(`${setup}: ${failures} enrollments failed`);
    const certificates = await cluster.operator.store.listCertificates();
    if (new Set(certificates.map((c) => c.serial)).size !== notices.length) throw new Error(`${setup}: ${certificates.length} certificates for ${notices.length} applications`);
    return {
      setup,
      instances: cluster.instances.length,
      enrollments: timed.length,
      seconds: round(seconds),
      perSecond: round(timed.length / seconds, 1),
      cpuMsPerEnrollment: {
        ca: perEnrollment(caMs),
        postgres: postgresMs === null ? null : perEnrollment(postgresMs),
        server: perEnrollment(caMs + (postgresMs ?? 0)),
        client: perEnrollment((client.user + client.system) / 1000),
      },
    };
  } finally {
    for (const agent of agents) agent.destroy();
  }
}

export async function runScaleOutBench(options: BenchOptions): Promise<BenchResult> {
  const count = options.quick ? 150 : 600;
  const csr = await makeCsr('bench');
  const started = await startTestPostgres();
  if ('skipReason' in started) throw new Error(started.skipReason);
  const postgres: TestPostgres = started;
  const postmaster = await postgres.serverProcessId();
  const runs: Run[] = [];
  try {
    for (const [setup, instances, database] of [
      ['SQLite, 1 instance', 1, 'sqlite:ca.db'],
      ['PostgreSQL, 1 instance', 1, 'postgres'],
      ['PostgreSQL, 3 instances', 3, 'postgres'],
    ] as const) {
      const cluster = await startCaCluster(database === 'postgres' ? await postgres.createDatabase() : database, instances);
      const cpu: ServerCpu = {
        ca: () => cluster.instances.reduce((sum, instance) => sum + cpuMs(instance.child.pid!), 0),
        // SQLite works inside the CA process; PostgreSQL's own processes idle meanwhile.
        postgres: () => (database === 'postgres' && postmaster !== undefined ? processFamilyCpuMs(postmaster) : null),
      };
      try {
        runs.push(await measure(setup, cluster, cpu, count, csr, options.log));
      } finally {
        await cluster.stop();
      }
    }
  } finally {
    await postgres.stop();
  }
  const [sqlite, pg1, pg3] = runs as [Run, Run, Run];
  return {
    bench: 'scale-out',
    mode: options.quick ? 'quick' : 'full',
    setup: `ca serve child processes, test scrypt cost (N=1024), ${CONCURRENCY} keep-alive clients in the bench process, every simpleenroll a first issuance; on 2 cores three instances share the same CPU: this measures the shared database's overhead and proves correctness (one certificate per application, no serial twice), not speed-up`,
    runs,
    ratios: { postgres1VsSqlite1: round(pg1.perSecond / sqlite.perSecond), postgres3VsPostgres1: round(pg3.perSecond / pg1.perSecond) },
    serverCpuMsPerEnrollment: {
      note: 'CA processes + PostgreSQL processes, user + system CPU per enrollment (from /proc; null when PostgreSQL is not started here). postgreSqlCost = PostgreSQL-1 minus SQLite-1: what the shared database costs over the embedded one; threeInstancesCost = PostgreSQL-3 minus PostgreSQL-1: what three instances sharing it cost over one (the atomic decisions are the same queries either way; three processes bring three connection pools, three sets of caches and more lock waits in the database)',
      sqlite1: sqlite.cpuMsPerEnrollment.server,
      postgres1: pg1.cpuMsPerEnrollment.server,
      postgres3: pg3.cpuMsPerEnrollment.server,
      postgreSqlCost: postmaster === undefined ? null : round(pg1.cpuMsPerEnrollment.server - sqlite.cpuMsPerEnrollment.server, 3),
      threeInstancesCost: postmaster === undefined ? null : round(pg3.cpuMsPerEnrollment.server - pg1.cpuMsPerEnrollment.server, 3),
    },
    // Issue 20 sets no bar on these rates (2 cores shared by every instance, PostgreSQL and
    // the client): the target is the measurement itself, with every enrollment correct.
    target: {
      note: 'one certificate per application and no serial twice in every setup (measure() throws otherwise), and the server CPU per enrollment printed for each',
      met: postmaster !== undefined,
    },
  };
}
