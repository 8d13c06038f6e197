/**
 * The master key protects the CA's secrets at rest: it is the passphrase source for
 * the encrypted PKCS#8 CA and TLS keys, and the key for the token SO PINs and the
 * outbox's mails (AES-256-GCM).
 *
 * Where it lives is the operator's trade-off:
 * - env TOKENDESK_CA_MASTER_KEY (64 hex digits or base64 of 32 bytes): nothing secret in
 *   the data dir; a backup of the data dir alone cannot sign. The operator must keep the
 *   key elsewhere (a secret manager) and lose it = lose the CA.
 * - otherwise `master.key` (0600) created by `ca init`: simple for one machine, but
 *   anyone who reads the whole data dir can use the CA key. The DB (PostgreSQL for
 *   several servers) then never holds the key material.
 * Separate subkeys (HKDF) keep the two uses apart.
 */
import { hkdfSync, randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serverErrors } from './server-error.js';

export const MASTER_KEY_FILE = 'master.key';

function decode(text: string): Buffer | undefined {
  const trimmed = text.trim();
  if (/^[0-9a-fA-F]{64}$/.test(trimmed)) return Buffer.from(trimmed, 'hex');
  const b = Buffer.from(trimmed, 'base64');
  return b.length === 32 ? b : undefined;
}

export class MasterKey {
  private constructor(private readonly key: Buffer) {}

  static generate(): MasterKey {
    return new MasterKey(randomBytes(32));
  }

  static fromText(text: string): MasterKey {
    const key = decode(text);
    if (!key) {
      throw serverErrors.invalidArgument({
        ja: 'マスター鍵は32バイト（16進64桁またはBase64）で指定してください。',
        en: 'The master key must be 32 bytes (64 hex digits or base64).',
      });
    }
    return new MasterKey(key);
  }

  /** Env first, then the data dir's key file. */
  static async load(dataDir: string, env: NodeJS.ProcessEnv = process.env): Promise<MasterKey> {
    if (env.TOKENDESK_CA_MASTER_KEY) return MasterKey.fromText(env.TOKENDESK_CA_MASTER_KEY);
    try {
      return MasterKey.fromText(await readFile(join(dataDir, MASTER_KEY_FILE), 'utf8'));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw serverErrors.notInitialized(dataDir);
      throw error;
    }
  }

  async saveTo(dataDir: string): Promise<void> {
    await writeFile(join(dataDir, MASTER_KEY_FILE), `${this.key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  }

  /** A 32-byte subkey for one purpose. */
  subkey(purpose: 'private-key-passphrase' | 'so-pin' | 'portal-forms' | 'outbox'): Buffer {
    return Buffer.from(hkdfSync('sha256', this.key, Buffer.alloc(0), `tokendesk-ca ${purpose}`, 32));
  }

  /** Passphrase for the encrypted PKCS#8 files. */
  privateKeyPassphrase(): string {
    return this.subkey('private-key-passphrase').toString('hex');
  }
}
