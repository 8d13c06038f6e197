/**
 * `tokendesk ca init`: a new CA in an empty data dir — settings, master key (unless
 * given by env), CA key + certificate, the server's TLS certificate, the database
 * schema and the first (empty) CRL. Refuses to overwrite an existing CA.
 *
 * Only the operator's account may read the data dir: it holds the encrypted keys,
 * perhaps the master key, the database (storage-PIN hashes, sealed SO PINs) and the
 * settings (a PostgreSQL URL may carry a password). The dir is 0700 even when it
 * existed before (mkdir's mode applies only to a dir it creates), and every file that
 * is not a certificate is 0600.
 */
import { chmod, mkdir, readdir, writeFile } from 'node:fs/promises';
import { closeCaContext, openCaContext } from './ca-context.js';
import { caConfigSchema, sqlitePath, writeConfig, type CaConfig } from './config.js';
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
  await chmod(dataDir, 0o700);
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
  await createPrivateDatabaseFile(dataDir, config);
  const ctx = await openCaContext(dataDir, env);
  try {
    await publishCrl(ctx);
  } finally {
    await closeCaContext(ctx);
  }
  return { dataDir, caCertificatePem: ca.certificatePem, publicUrl: config.publicUrl, databaseUrl: config.databaseUrl, masterKey: fromEnv ? 'env' : 'file' };
}

/**
 * SQLite creates its file with the process umask (usually 0644) and gives its -wal and
 * -shm files the database file's mode: made empty and 0600 first, all three stay private.
 */
async function createPrivateDatabaseFile(dataDir: string, config: CaConfig): Promise<void> {
  const file = sqlitePath(dataDir, config.databaseUrl);
  if (file === undefined || file === ':memory:') return;
  await writeFile(file, '', { flag: 'a', mode: 0o600 });
  await chmod(file, 0o600);
}
