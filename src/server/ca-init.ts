/**
 * `tokendesk ca init`: a new CA in an empty data dir — settings, master key (unless
 * given by env), CA key + certificate, the server's TLS certificate, the database
 * schema and the first (empty) CRL. Refuses to overwrite an existing CA.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { closeCaContext, openCaContext } from './ca-context.js';
import { caConfigSchema, writeConfig, type CaConfig } from './config.js';
import { publishCrl } from './crl-publisher.js';
import { MasterKey } from './master-key.js';
import { createCaIdentity } from './pki/ca-identity.js';
import { createServerTls } from './pki/server-tls.js';
import { serverErrors } from './server-error.js';

export interface CaInitResult {
  dataDir: string;
  caCertificatePem: string;
  publicUrl: string;
  databaseUrl: string;
  masterKey: 'env' | 'file';
}

export async function initCa(dataDir: string, settings: Partial<CaConfig> = {}, env: NodeJS.ProcessEnv = process.env): Promise<CaInitResult> {
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if ((await readdir(dataDir)).length > 0) {
    throw serverErrors.invalidArgument({
      ja: `${dataDir} は空ではありません。既存の認証局を上書きしないため、空のディレクトリを指定してください。`,
      en: `${dataDir} is not empty. Give an empty directory: an existing CA is never overwritten.`,
    });
  }
  const parsed = caConfigSchema.safeParse(settings);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw serverErrors.invalidArgument({ ja: `設定が不正です: ${where}`, en: `Invalid settings: ${where}` });
  }
  const config = parsed.data;
  const fromEnv = Boolean(env.TOKENDESK_CA_MASTER_KEY);
  const master = fromEnv ? MasterKey.fromText(env.TOKENDESK_CA_MASTER_KEY!) : MasterKey.generate();
  if (!fromEnv) await master.saveTo(dataDir);
  await writeConfig(dataDir, config);
  const ca = await createCaIdentity(dataDir, master, { caName: config.caName, organization: config.caOrganization });
  await createServerTls(dataDir, ca, master, config.publicUrl);
  const ctx = await openCaContext(dataDir, env);
  try {
    await publishCrl(ctx);
  } finally {
    await closeCaContext(ctx);
  }
  return { dataDir, caCertificatePem: ca.certificatePem, publicUrl: config.publicUrl, databaseUrl: config.databaseUrl, masterKey: fromEnv ? 'env' : 'file' };
}
