/** The CA client a command talks to: --ca (or $TOKENDESK_CA_URL), trusting --ca-trust and --ca-pin. */
import { readFileSync } from 'node:fs';
import type { CaConnectionOptions } from './options.js';

export async function openCaClient(options: CaConnectionOptions) {
  const url = options.ca ?? process.env.TOKENDESK_CA_URL;
  if (!url) throw new Error('--ca URL is required / --ca で認証局のURLを指定してください');
  const trustFile = options.caTrust ?? process.env.TOKENDESK_CA_TRUST;
  const { CaClient } = await import('../core/ca-client/index.js');
  return new CaClient({
    url,
    trust: {
      ...(trustFile ? { caPem: readFileSync(trustFile, 'utf8') } : {}),
      ...(options.caPin && options.caPin.length > 0 ? { pinnedSpkiSha256: options.caPin } : {}),
    },
  });
}
