/**
 * A throwaway PostgreSQL for tests: env TOKENDESK_TEST_PG_URL when set (an existing
 * server the tests may create databases on), else a fresh cluster from Debian's
 * /usr/lib/postgresql/<v>/bin (initdb + pg_ctl) in a temp dir on a free loopback port,
 * run as the `postgres` OS user when we are root (initdb refuses root).
 * With CI=true a PostgreSQL that cannot be started is an error, never a skip.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmod, chown, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from './free-port.js';

const run = promisify(execFile);

export interface TestPostgres {
  /** URL of the maintenance database. */
  url: string;
  /** A new empty database for one test; dropped at stop(). */
  createDatabase(): Promise<string>;
  /**
   * Stops the server (fast shutdown: connections are cut) and starts it again on the
   * same port, for tests of what clients do while the database is away. Only for a
   * cluster started here; with TOKENDESK_TEST_PG_URL it throws.
   */
  pauseServer(): Promise<void>;
  resumeServer(): Promise<void>;
  /**
   * The postmaster's process id (benches read the CPU time of it and its backends from
   * /proc); undefined for a server given by TOKENDESK_TEST_PG_URL.
   */
  serverProcessId(): Promise<number | undefined>;
  stop(): Promise<void>;
}

interface ServerControl {
  pause(): Promise<void>;
  resume(): Promise<void>;
  processId(): Promise<number>;
}

async function findBinDir(): Promise<string | undefined> {
  try {
    const versions = (await readdir('/usr/lib/postgresql')).sort((a, b) => Number(b) - Number(a));
    return versions.length ? join('/usr/lib/postgresql', versions[0]!, 'bin') : undefined;
  } catch {
    return undefined;
  }
}

function withDatabases(url: string, onStop: () => Promise<void>, control?: ServerControl): TestPostgres {
  const created: string[] = [];
  const noControl = (): Promise<void> => Promise.reject(new Error('pausing PostgreSQL needs the cluster these tests start (unset TOKENDESK_TEST_PG_URL)'));
  const admin = (): pg.Client => new pg.Client({ connectionString: url });
  return {
    url,
    async createDatabase() {
      const name = `tokendesk_test_${randomBytes(6).toString('hex')}`;
      const client = admin();
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      created.push(name);
      const u = new URL(url);
      u.pathname = `/${name}`;
      return u.toString();
    },
    pauseServer: control ? () => control.pause() : noControl,
    resumeServer: control ? () => control.resume() : noControl,
    serverProcessId: () => (control ? control.processId() : Promise.resolve(undefined)),
    async stop() {
      const client = admin();
      try {
        await client.connect();
        for (const name of created) await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } catch {
        // the cluster is going away anyway
      } finally {
        await client.end().catch(() => undefined);
      }
      await onStop();
    },
  };
}

async function startCluster(): Promise<TestPostgres> {
  const bin = await findBinDir();
  if (!bin) throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)');
  const root = await mkdtemp(join(tmpdir(), 'tokendesk-pg-'));
  const dataDir = join(root, 'data');
  const asRoot = process.getuid?.() === 0;
  const asPostgres = async (cmd: string, args: string[]): Promise<void> => {
    if (asRoot) await run('runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args], { cwd: root });
    else await run(join(bin, cmd), args, { cwd: root });
  };
  if (asRoot) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    await chown(root, Number(stdout.trim()), Number(gid.trim()));
  }
  await chmod(root, 0o700);
  const port = await freePort();
  await asPostgres('initdb', ['-D', dataDir, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8']);
  const start = (): Promise<void> =>
    asPostgres('pg_ctl', [
      '-D', dataDir, '-w', '-t', '60', '-l', join(root, 'server.log'),
      '-o', `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=200`,
      'start',
    ]);
  await start();
  return withDatabases(
    `postgres://postgres@127.0.0.1:${port}/postgres`,
    async () => {
      await asPostgres('pg_ctl', ['-D', dataDir, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      await rm(root, { recursive: true, force: true });
    },
    {
      pause: () => asPostgres('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']),
      resume: start,
      // postmaster.pid's first line is the postmaster's process id.
      processId: async () => Number((await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]),
    },
  );
}

/**
 * Starts (or connects to) PostgreSQL. Answers `{ skipReason }` only outside CI when no
 * PostgreSQL can be had, so a developer without it sees a named skip; in CI it throws.
 */
export async function startTestPostgres(): Promise<TestPostgres | { skipReason: string }> {
  const external = process.env.TOKENDESK_TEST_PG_URL;
  if (external) return withDatabases(external, async () => undefined);
  try {
    return await startCluster();
  } catch (error) {
    const reason = `PostgreSQL could not be started: ${error instanceof Error ? error.message : String(error)}`;
    if (process.env.CI === 'true') throw new Error(`${reason} (CI=true: the PostgreSQL store suite must run)`);
    return { skipReason: reason };
  }
}
