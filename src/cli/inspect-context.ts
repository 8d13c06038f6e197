/**
 * What info, diagnose and card share at the terminal: the language, the CA client
 * when --ca is given (or $TOKENDESK_CA_URL), PINs without echo or from stdin, and
 * every failure shown in the catalogue's words — never a stack trace.
 */
import { formatUserError, toUserError, type Language } from '../core/messages/index.js';
import { Secret } from '../core/secrets/secret.js';
import type { CaClient } from '../core/ca-client/index.js';
import { openCaClient, type CaConnectionOptions } from './ca-connection-options.js';
import { SecretInput } from './secret-input.js';

export function inspectLanguage(options: { lang?: string }): Language | undefined {
  if (options.lang === undefined || options.lang === 'ja') return 'ja';
  if (options.lang === 'en') return 'en';
  process.stderr.write(`--lang は ja か en を指定してください（指定値: ${options.lang}） / --lang must be ja or en (got ${options.lang})\n`);
  return undefined;
}

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
    return 2;
  } finally {
    input.close();
    ca?.close();
  }
}
