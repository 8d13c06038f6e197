/** The CA client a command talks to: --ca (or $TOKENDESK_CA_URL), trusting --ca-trust and --ca-pin. */
import { InputError } from '../core/messages/errors.js';
import type { CaConnectionOptions } from './options.js';

export async function openCaClient(options: CaConnectionOptions) {
  const url = options.ca ?? process.env.TOKENDESK_CA_URL;
  if (!url) throw new InputError({ code: 'TD-CA-NOT-CONFIGURED', message: 'no --ca and no TOKENDESK_CA_URL' });
  const trustFile = options.caTrust ?? process.env.TOKENDESK_CA_TRUST;
  const { CaClient, readCaTrustFile } = await import('../core/ca-client/index.js');
  const caPem = trustFile ? await readCaTrustFile(trustFile) : undefined;
  return new CaClient({
    url,
    trust: {
      ...(caPem ? { caPem } : {}),
      ...(options.caPin && options.caPin.length > 0 ? { pinnedSpkiSha256: options.caPin } : {}),
    },
  });
}
