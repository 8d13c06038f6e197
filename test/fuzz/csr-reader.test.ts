/**
 * The CA's CSR reader takes outside input (an EST body): any bytes, and mutations of a
 * valid CSR carrying a challengePassword (the attribute walk tls-unique checking
 * added), must end in the CSR or a 400 from the catalogue — never another error.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCertificateRequest } from '../../src/server/pki/certificate-request.js';
import { ServerError } from '../../src/server/server-error.js';
import { opensslCsr } from '../support/openssl-csr.js';

const dir = mkdtempSync(join(tmpdir(), 'tokendesk-csr-fuzz-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function onlyBadRequests(body: string): Promise<boolean> {
  try {
    await checkCertificateRequest(body);
    return true;
  } catch (error) {
    if (error instanceof ServerError && error.status === 400) return true;
    throw error;
  }
}

describe('CA CSR reader under arbitrary input', () => {
  const valid = Buffer.from(opensslCsr(dir, { challengePassword: 'AAECAwQFBgcICQoL' }).csrBase64.replace(/\s/g, ''), 'base64');

  it('reads the challengePassword of a valid CSR', async () => {
    expect((await checkCertificateRequest(valid.toString('base64'))).challengePassword).toBe('AAECAwQFBgcICQoL');
  });

  it('mutations of a CSR with a challengePassword: the CSR or a 400', async () => {
    const edits = fc.array(fc.tuple(fc.nat({ max: valid.length - 1 }), fc.integer({ min: 0, max: 255 }), fc.boolean()), { minLength: 1, maxLength: 4 });
    await fc.assert(
      fc.asyncProperty(edits, async (changes) => {
        let bytes = Buffer.from(valid);
        for (const [at, value, cut] of changes) {
          if (bytes.length === 0) break;
          if (cut) bytes = bytes.subarray(0, Math.min(at, bytes.length));
          else bytes[Math.min(at, bytes.length - 1)] = value;
        }
        return onlyBadRequests(bytes.toString('base64'));
      }),
      { numRuns: 400 },
    );
  });

  it('random bytes and text: a 400', async () => {
    await fc.assert(fc.asyncProperty(fc.uint8Array({ maxLength: 600 }), async (bytes) => onlyBadRequests(Buffer.from(bytes).toString('base64'))), { numRuns: 300 });
    await fc.assert(fc.asyncProperty(fc.string({ maxLength: 300 }), onlyBadRequests), { numRuns: 300 });
  });
});
