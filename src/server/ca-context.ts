/**
 * Everything a running CA needs, loaded once: settings, the database, the CA's signing
 * key (decrypted into memory only), and the box for token SO PINs. The server and the
 * operator CLI both start from here.
 */
import { loadConfig, sqlitePath, type CaConfig } from './config.js';
import { MasterKey } from './master-key.js';
import { loadCaIdentity, type CaIdentity } from './pki/ca-identity.js';
import { EndEntityIssuer } from './pki/end-entity-certificate.js';
import { SigningThread, signingThreadCount } from './pki/signing-thread.js';
import { SecretBox } from './secret-box.js';
import { VerifiedPinCache } from './verified-pin-cache.js';
import type { CaStore } from './store/ca-store.js';
import { openCaStore } from './store/open-store.js';

export interface CaContext {
  dataDir: string;
  config: CaConfig;
  store: CaStore;
  ca: CaIdentity;
  soPins: SecretBox;
  master: MasterKey;
  crlUrl: string;
  /** The end-entity certificate template for this CA and CRL URL, encoded once; it signs on `signing`, else libuv's pool. */
  issuer: EndEntityIssuer;
  /** The CA key's own signing threads (signing-thread.ts), unless `signingThreads` is 0; started by the first signature. */
  signing: SigningThread | undefined;
  /**
   * Storage PINs that passed scrypt a moment ago, in this process only (verified-pin-cache.ts):
   * another instance behind the same load balancer checks the PIN again instead.
   */
  verifiedPins: VerifiedPinCache;
}

export function databaseTarget(dataDir: string, config: CaConfig): string {
  return sqlitePath(dataDir, config.databaseUrl) ?? config.databaseUrl;
}

export function crlUrlOf(config: CaConfig): string {
  return `${config.publicUrl.replace(/\/+$/, '')}/crl`;
}

export async function openCaContext(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<CaContext> {
  const config = await loadConfig(dataDir, env);
  const master = await MasterKey.load(dataDir, env);
  const ca = await loadCaIdentity(dataDir, master);
  const store = await openCaStore(databaseTarget(dataDir, config));
  const crlUrl = crlUrlOf(config);
  const signingThreads = signingThreadCount(config.signingThreads);
  const signing = signingThreads > 0 ? new SigningThread(ca.privateKey, signingThreads) : undefined;
  const issuer = new EndEntityIssuer(ca, crlUrl, signing && ((algorithm, data) => signing.sign(algorithm, data)));
  return { dataDir, config, store, ca, master, soPins: new SecretBox(master.subkey('so-pin')), crlUrl, issuer, signing, verifiedPins: new VerifiedPinCache() };
}

export async function closeCaContext(ctx: CaContext): Promise<void> {
  await ctx.signing?.close();
  await ctx.store.close();
}
