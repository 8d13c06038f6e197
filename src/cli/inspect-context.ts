/**
 * What info, diagnose and card share at the terminal: the CA client
 * when --ca is given (or $TOKENDESK_CA_URL), PINs without echo or from stdin, and
 * every failure shown in the catalogue's words — never a stack trace.
 */
import { formatUserError, InputError, toUserError, type Language } from '../core/messages/index.js';
import { Secret } from '../core/secrets/secret.js';
import type { CaClient } from '../core/ca-client/index.js';
import { openCaClient } from './open-ca-client.js';
import type { CaConnectionOptions } from './options.js';
import { SecretInput } from './secret-input.js';

export interface InspectContext {
  ca?: CaClient;
  readPin(prompt: string): Promise<Secret>;
  input: SecretInput;
}

export async function withInspectContext(
  options: CaConnectionOptions & { pinsFromStdin?: boolean },
  lang: Language,
  work: (context: InspectContext) => Promise<number>,
): Promise<number> {
  const input = new SecretInput(Boolean(options.pinsFromStdin));
  let ca: CaClient | undefined;
  try {
    if (options.ca ?? process.env.TOKENDESK_CA_URL) ca = await openCaClient(options);
    return await work({ ...(ca ? { ca } : {}), input, readPin: async (prompt) => new Secret(await input.read(prompt)) });
  } catch (error) {
    process.stderr.write(`${formatUserError(toUserError(error), lang)}\n`);
    if (process.env.TOKENDESK_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack ?? ''}\n`);
    // The exit codes of every command (run.ts, README "Exit codes"): 2 only for input
    // refused before anything was tried; a token, CA or network failure is 1.
    return error instanceof InputError ? 2 : 1;
  } finally {
    input.close();
    ca?.close();
  }
}
