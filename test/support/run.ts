/** Runs a third-party tool (pkcs11-tool, openssl, curl) for a test, returning stdout; throws with stderr on failure. */
import { execFileSync } from 'node:child_process';

export function run(command: string, args: string[], options: { env?: NodeJS.ProcessEnv; input?: string | Buffer; cwd?: string } = {}): string {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], ...options });
  } catch (error) {
    const failure = error as { stderr?: string; stdout?: string; status?: number };
    throw new Error(`${command} ${args.join(' ')} exited ${failure.status}: ${failure.stderr ?? ''}${failure.stdout ?? ''}`);
  }
}
