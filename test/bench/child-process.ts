/**
 * Running the benches' child processes. A child may exit before it reads what it is
 * given — `tokendesk info` against a library that cannot be loaded fails before it
 * reads the PIN — and writing to its closed stdin then raises EPIPE on the pipe. That
 * is the child's early exit, which its exit code already reports; unhandled, it killed
 * the whole bench (`npm run bench -- --quick`, issue 12 item 14).
 */
import { spawn } from 'node:child_process';
import type { Writable } from 'node:stream';

/** The errors of writing to a child that is already gone. */
const CHILD_GONE = new Set(['EPIPE', 'ECONNRESET', 'ERR_STREAM_DESTROYED']);

/** Gives a child its whole input and closes its stdin; the child's leaving early is not an error here. */
export function feedInput(stdin: Writable, input = ''): void {
  stdin.on('error', (error: NodeJS.ErrnoException) => {
    if (CHILD_GONE.has(error.code ?? '')) return;
    // Anything else is a real fault of ours: as loud as an unhandled 'error' would be.
    process.nextTick(() => {
      throw error;
    });
  });
  stdin.end(input);
}

export interface ProcessRun {
  ms: number;
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end with `input` on stdin: wall time, exit code, output. */
export function runProcess(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }, input = ''): Promise<ProcessRun> {
  return new Promise((resolveRun, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolveRun({ ms: performance.now() - t0, code: code ?? -1, stdout, stderr }));
    feedInput(child.stdin, input);
  });
}
