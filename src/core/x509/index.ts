/** X.509 for TokenDesk: pure functions over DER, no I/O. */
export { X509Error, type X509ErrorCode } from './x509-error.js';
export { parseDn, formatDn, dnValue, dnValues, type Dn, type Rdn, type DnAttribute } from './dn.js';
export { serialFromBytes, serialFromHex, type CertificateSerial } from './serial.js';
export { buildCsr, csrToEstBody, rsaSpki, type CsrRequest } from './csr.js';
export { parsePkcs7CertsOnly } from './pkcs7.js';
export { parseCertificate, type ParsedCertificate } from './certificate.js';
export { summarizeCertificate, summaryPublicKey, type CertificateSummary, type NameFields } from './summary.js';
export {
  validityStatus,
  daysUntilExpiry,
  formatJstDate,
  formatJstDateTime,
  type ValidityStatus,
  type ValidityWindow,
  type ValidityOptions,
} from './validity.js';
export { parseCrl, verifyCrlSignature, type Crl } from './crl.js';
export { publicKeyFromSpki, rsaPublicKeyFromSpki } from './public-key.js';
export { verifyChain, publicKeyMatches, type ChainResult, type ChainOptions } from './chain.js';
