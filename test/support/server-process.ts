/**
 * A server of ours (the bridge, the device-module agent) run as its own process,
 * as a user runs it, so a test can prove the process survives what is thrown at
 * it: resolves once it printed its first JSON line on stdout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from './ca-server.js';

export interface ServerProcess<T> {
  /** The first JSON line the process printed (e.g. {url, wsUrl, port}). */
  started: T;
  child: ChildProcess;
  stderr(): string;
  /** Undefined while it runs; its exit code (or signal) once it ended. */
  exited(): number | string | undefined;
  stop(): Promise<void>;
}

export function startServerProcess<T>(script: string, args: string[], options: { env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<ServerProcess<T>> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(REPO_ROOT, script), ...args], {
    cwd: REPO_ROOT,
    env: options.env ?? process.env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let exit: number | string | undefined;
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.on('exit', (code, signal) => (exit = code ?? signal ?? 'unknown'));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} printed nothing in time: ${stderr}`));
    }, options.timeoutMs ?? 30_000);
    child.on('exit', () => {
      clearTimeout(timer);
      reject(new Error(`${script} exited ${exit}: ${stderr}`));
    });
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const line = stdout.split('\n').find((candidate) => candidate.startsWith('{'));
      if (!line) return;
      clearTimeout(timer);
      resolve({
        started: JSON.parse(line) as T,
        child,
        stderr: () => stderr,
        exited: () => exit,
        stop: () =>
          new Promise<void>((done) => {
            if (exit !== undefined) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}
