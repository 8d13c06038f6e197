/**
 * The options every command that talks to the CA shares (store, info, diagnose):
 * where the CA is and whom to trust. One definition, so they cannot drift.
 */
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';

export interface CaConnectionOptions {
  ca?: string;
  caTrust?: string;
  caPin?: string[];
}

export function addCaConnectionOptions(command: Command): Command {
  return command
    .option('--ca <url>', 'CA base URL (https://…), default $TOKENDESK_CA_URL')
    .option('--ca-trust <pem>', 'PEM file with the CA certificate(s) to trust, default $TOKENDESK_CA_TRUST')
    .option('--ca-pin <sha256>', 'pin the CA server key (base64 SHA-256 of its SubjectPublicKeyInfo); repeatable', collect, []);
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

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
