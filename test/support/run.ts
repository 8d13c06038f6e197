/** Runs a third-party tool (pkcs11-tool, openssl, curl) for a test, returning stdout; throws with stderr on failure. */
import { execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string | Buffer; cwd?: string } = {}): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...options });
  } catch (error) {
    const failure = error as { stderr?: string; stdout?: string; status?: number };
    throw new Error(`${command} ${args.join(' ')} exited ${failure.status}: ${failure.stderr ?? ''}${failure.stdout ?? ''}`);
  }
}

/**
 * curl, asynchronously: a test's CA server answers from the test's own process, so a
 * synchronous child would wait on a server that cannot run. Answers stdout.
 */
export async function curl(args: string[]): Promise<string> {
  const { stdout } = await execFileAsync('curl', ['--max-time', '20', ...args], { encoding: 'utf8' });
  return stdout;
}
