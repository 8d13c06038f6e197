/**
 * Several `tokendesk ca serve` processes on one data dir and one PostgreSQL database,
 * as behind a load balancer: what they share is the data dir (master key, CA key,
 * TLS certificate, config) and the database. The operator's commands run in this
 * process on a context of their own.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { closeCaContext, openCaContext, type CaContext } from '../../src/server/ca-context.js';
import { initCa } from '../../src/server/ca-init.js';
import type { CaConfig } from '../../src/server/config.js';
import { afterAll, beforeAll } from 'vitest';
import { freePort, spawnCaServe } from './ca-server.js';
import { startTestPostgres, type TestPostgres } from './postgres.js';

export interface CaInstance {
  url: string;
  caCertificatePem: string;
  child: ChildProcess;
}

export interface CaCluster {
  dataDir: string;
  instances: CaInstance[];
  caCertificatePem: string;
  /** The operator's context (its own connection pool on the same database). */
  operator: CaContext;
  kill(index: number, signal?: NodeJS.Signals): Promise<void>;
  /** Starts instance `index` again on its port. */
  restart(index: number): Promise<void>;
  stop(): Promise<void>;
}

export async function startCaCluster(databaseUrl: string, count: number, settings: Partial<CaConfig> = {}): Promise<CaCluster> {
  const root = await mkdtemp(join(tmpdir(), 'tokendesk-ca-cluster-'));
  const dataDir = join(root, 'ca');
  const ports = await Promise.all(Array.from({ length: count }, () => freePort()));
  const init = await initCa(dataDir, {
    databaseUrl,
    publicUrl: `https://127.0.0.1:${ports[0]}`,
    logLevel: 'silent',
    // The test scrypt cost; the load comes from one client address, so its limits are lifted.
    scrypt: { N: 1024, r: 8, p: 1 },
    rateLimit: { max: 1_000_000, windowSeconds: 60 },
    requestRateLimit: { max: 1_000_000, windowSeconds: 60 },
    ...settings,
  });
  const env = { ...process.env, TOKENDESK_CA_DATA: dataDir };
  const spawnAt = async (port: number): Promise<CaInstance> => {
    const { child, url } = await spawnCaServe(dataDir, { env, port });
    return { child, url, caCertificatePem: init.caCertificatePem };
  };
  const instances = await Promise.all(ports.map(spawnAt));
  const operator = await openCaContext(dataDir, env);
  const kill = async (index: number, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> => {
    const { child } = instances[index]!;
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolveExit) => child.once('exit', resolveExit));
    child.kill(signal);
    await exited;
  };
  return {
    dataDir,
    instances,
    caCertificatePem: init.caCertificatePem,
    operator,
    kill,
    async restart(index) {
      await kill(index);
      instances[index] = await spawnAt(ports[index]!);
    },
    async stop() {
      await Promise.all(instances.map((_, i) => kill(i)));
      await closeCaContext(operator);
      await rm(root, { recursive: true, force: true });
    },
  };
}

/** A throwaway PostgreSQL and a cluster over one database of it, for one describe block. */
export interface RunningCluster {
  readonly postgres: TestPostgres;
  readonly cluster: CaCluster;
}

/**
 * Registers, in the enclosing describe, the hooks that start a throwaway PostgreSQL and
 * `count` CA instances over one database of it before its tests, and stop both after.
 * A machine without PostgreSQL fails the file rather than skipping it (issue 18: CI must
 * not pass on a skipped check). Hooks the file registers after this one run after the
 * start and, on the way out, before the stop.
 */
export function caClusterOverPostgres(count: number, settings: Partial<CaConfig> = {}): RunningCluster {
  let postgres: TestPostgres | undefined;
  let cluster: CaCluster | undefined;
  beforeAll(async () => {
    const started = await startTestPostgres();
    if ('skipReason' in started) throw new Error(started.skipReason);
    postgres = started;
    cluster = await startCaCluster(await started.createDatabase(), count, settings);
  }, 180_000);
  afterAll(async () => {
    await cluster?.stop();
    await postgres?.stop();
  });
  return {
    get postgres() {
      if (!postgres) throw new Error('PostgreSQL is not started yet (use it in a test or a later hook)');
      return postgres;
    },
    get cluster() {
      if (!cluster) throw new Error('the CA cluster is not started yet (use it in a test or a later hook)');
      return cluster;
    },
  };
}
