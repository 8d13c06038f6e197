import { childrenOf, decodeDer, isContext, type Asn1 } from './asn1.js';
import type { ParsedCertificate } from './certificate.js';
import { readDn, type Dn } from './dn.js';

/**
 * The few certificate extensions the product reads: where the CRL is (revocation
 * check), e-mail addresses, and directory names in subjectAltName (some IC-card
 * profiles put the company's name and address there).
 */

const OID_CRL_DISTRIBUTION_POINTS = '2.5.29.31';
const OID_SUBJECT_ALT_NAME = '2.5.29.17';

/** URIs of every DistributionPoint's fullName (RFC 5280 §4.2.1.13). */
export function crlDistributionPoints(certificate: ParsedCertificate): string[] {
  const extension = certificate.extensions.get(OID_CRL_DISTRIBUTION_POINTS);
  if (!extension) return [];
  const urls: string[] = [];
  for (const point of childrenOf(decodeDer(extension.value, 'cRLDistributionPoints'), 'CRLDistributionPoints')) {
    const name = childrenOf(point, 'DistributionPoint').find((node) => isContext(node, 0));
    if (!name) continue;
    const fullName = childrenOf(name, 'DistributionPointName').find((node) => isContext(node, 0));
    if (!fullName) continue;
    urls.push(...generalNames(childrenOf(fullName, 'fullName'), 6));
  }
  return urls;
}

/** rfc822Name entries of subjectAltName. */
export function altNameEmails(certificate: ParsedCertificate): string[] {
  return generalNames(subjectAltNames(certificate), 1);
}

/** directoryName entries of subjectAltName. */
export function altNameDirectories(certificate: ParsedCertificate): Dn[] {
  return subjectAltNames(certificate)
    .filter((node) => isContext(node, 4))
    .map((node) => readDn(childrenOf(node, 'directoryName')[0] as Asn1));
}

function subjectAltNames(certificate: ParsedCertificate): Asn1[] {
  const extension = certificate.extensions.get(OID_SUBJECT_ALT_NAME);
  return extension ? childrenOf(decodeDer(extension.value, 'subjectAltName'), 'GeneralNames') : [];
}

/** IA5String-valued GeneralName choices ([1] rfc822Name, [6] URI) as text. */
function generalNames(names: Asn1[], tag: number): string[] {
  return names
    .filter((node) => isContext(node, tag) && typeof node.value === 'string')
    .map((node) => Buffer.from(node.value as string, 'binary').toString('latin1'));
}
