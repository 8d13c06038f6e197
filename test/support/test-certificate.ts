/**
 * A certificate for a public key that lives on a token, signed by a throwaway test
 * CA: what the storage flow gets from the CA, made here so the PKCS#11 core can be
 * tested alone. node-forge signs slowly, which does not matter for one certificate.
 */
import forge from 'node-forge';

export interface TestCa {
  certPem: string;
  issue(modulus: Buffer, exponent: Buffer, commonName: string, days?: number): { der: Buffer; pem: string };
}

/**
 * `commonName` names the CA `CN=…, C=JP`; `{ sameNameAs: pem }` gives it the very
 * subject (the same bytes) of another CA's certificate, with a key of its own — a
 * test CA or a rogue one that a check by name alone would take for that CA.
 */
export function createTestCa(name: string | { sameNameAs: string } = 'TokenDesk Test CA'): TestCa {
  const keys = forge.pki.rsa.generateKeyPair({ bits: 2048, e: 0x10001 });
  const ca = forge.pki.createCertificate();
  ca.publicKey = keys.publicKey;
  ca.serialNumber = '01';
  ca.validity.notBefore = new Date(Date.now() - 60_000);
  ca.validity.notAfter = new Date(Date.now() + 365 * 86_400_000);
  const caName: forge.pki.CertificateField[] =
    typeof name === 'string'
      ? [{ name: 'commonName', value: name }, { name: 'countryName', value: 'JP' }]
      : forge.pki.certificateFromPem(name.sameNameAs).subject.attributes;
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
  ]);
  ca.sign(keys.privateKey, forge.md.sha256.create());
  let serial = 2;
  return {
    certPem: forge.pki.certificateToPem(ca),
    issue(modulus, exponent, cn, days = 365) {
      const cert = forge.pki.createCertificate();
      cert.publicKey = forge.pki.setRsaPublicKey(
        new forge.jsbn.BigInteger(modulus.toString('hex'), 16),
        new forge.jsbn.BigInteger(exponent.toString('hex'), 16),
      );
      cert.serialNumber = (serial++).toString(16).padStart(2, '0');
      cert.validity.notBefore = new Date(Date.now() - 60_000);
      cert.validity.notAfter = new Date(Date.now() + days * 86_400_000);
      cert.setSubject([{ name: 'commonName', value: cn }]);
      cert.setIssuer(caName);
      cert.setExtensions([{ name: 'keyUsage', digitalSignature: true, critical: true }]);
      cert.sign(keys.privateKey, forge.md.sha256.create());
      const der = Buffer.from(forge.asn1.toDer(forge.pki.certificateToAsn1(cert)).getBytes(), 'binary');
      return { der, pem: forge.pki.certificateToPem(cert) };
    },
  };
}
