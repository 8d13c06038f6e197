/** The CA client a command talks to: --ca (or $TOKENDESK_CA_URL), trusting --ca-trust (or $TOKENDESK_CA_TRUST) and --ca-pin. */
import type { CaConnectionOptions } from './options.js';

export async function openCaClient(options: CaConnectionOptions) {
  // Loaded when a command talks to a CA, not at every start (main.ts).
  const { connectCa } = await import('../core/ca-client/index.js');
  return connectCa({ url: options.ca ?? process.env.TOKENDESK_CA_URL, trustFile: options.caTrust ?? process.env.TOKENDESK_CA_TRUST, pins: options.caPin });
}
