/**
 * The outbox: the CA's mails as files in `<data dir>/outbox/` when no SMTP server is
 * configured, for the operator to pass on. The storage-PIN and unlock-code mails carry
 * secrets, which must not sit on disk in clear, so every mail there is sealed
 * (AES-256-GCM with the master key's `outbox` subkey, the file's name as associated
 * data: a sealed mail renamed or copied over another does not open). `tokendesk ca
 * outbox` opens them for the operator; nothing else reads them.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MasterKey } from '../../master-key.js';
import { SecretBox } from '../../secret-box.js';

export const OUTBOX_DIR = 'outbox';
const SEALED = '.eml.sealed';

export interface OutboxMail {
  /** The sealed file's path. */
  file: string;
  /** The mail as RFC 5322 text (nodemailer's), opened. */
  eml: string;
}

function box(master: MasterKey): SecretBox {
  return new SecretBox(master.subkey('outbox'));
}

/** Seals one mail into the outbox (dir 0700, file 0600, never overwritten); answers its path. */
export async function putInOutbox(dataDir: string, master: MasterKey, eml: Buffer): Promise<string> {
  const outbox = join(dataDir, OUTBOX_DIR);
  await mkdir(outbox, { recursive: true, mode: 0o700 });
  const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(4).toString('hex')}${SEALED}`;
  await writeFile(join(outbox, name), `${box(master).seal(eml.toString('utf8'), name)}\n`, { mode: 0o600, flag: 'wx' });
  return join(outbox, name);
}

/** Every mail in the outbox, oldest first, opened; none when there is no outbox yet. */
export function readOutboxMails(dataDir: string, master: MasterKey): OutboxMail[] {
  const outbox = join(dataDir, OUTBOX_DIR);
  let names: string[];
  try {
    names = readdirSync(outbox).filter((name) => name.endsWith(SEALED)).sort();
  } catch {
    return [];
  }
  const opener = box(master);
  return names.map((name) => ({ file: join(outbox, name), eml: opener.open(readFileSync(join(outbox, name), 'utf8').trim(), name) }));
}
