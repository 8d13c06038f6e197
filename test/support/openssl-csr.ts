/**
 * Keys and CSRs made by openssl, as a third-party EST client would make them: an RSA
 * key in a PEM file and a PKCS#10 request in base64 DER (optionally with a
 * challengePassword attribute, where RFC 7030 §3.5 puts the tls-unique value).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './run.js';

let count = 0;

export interface OpensslCsr {
  keyFile: string;
  /** base64 DER with line breaks, as simpleenroll takes it. */
  csrBase64: string;
}

/** A new 2048-bit RSA key in `dir` (or the given one) and a CSR for it. */
export function opensslCsr(dir: string, options: { keyFile?: string; challengePassword?: string } = {}): OpensslCsr {
  const n = count++;
  const keyFile = options.keyFile ?? join(dir, `key${n}.pem`);
  if (!options.keyFile) run('openssl', ['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', keyFile]);
  const config = join(dir, `req${n}.cnf`);
  writeFileSync(
    config,
    ['[req]', 'prompt = no', 'distinguished_name = dn', 'attributes = attrs', '[dn]', 'CN = ignored by the CA', '[attrs]', ...(options.challengePassword ? [`challengePassword = ${options.challengePassword}`] : [])].join('\n') + '\n',
  );
  const out = join(dir, `csr${n}.der`);
  run('openssl', ['req', '-new', '-key', keyFile, '-config', config, '-outform', 'DER', '-out', out]);
  return { keyFile, csrBase64: readFileSync(out).toString('base64').replace(/.{64}/g, '$&\r\n') };
}
