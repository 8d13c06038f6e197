import { contentOf, isContextTag, isPrimitive } from './der-values.js';
import type { ParsedCertificate } from './certificate.js';
import { readDn, type Dn } from './dn.js';
import { checkNested, readWhole, tlvChildren, type Tlv } from './tlv.js';
import { X509Error } from './x509-error.js';

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
  const der = extension.value;
  const urls: string[] = [];
  for (const point of tlvChildren(der, whole(der))) {
    const name = tlvChildren(der, point).find((node) => isContextTag(node, 0));
    if (!name) continue;
    const fullName = tlvChildren(der, name).find((node) => isContextTag(node, 0));
    if (!fullName) continue;
    urls.push(...generalNames(der, tlvChildren(der, fullName), 6));
  }
  return urls;
}

/** rfc822Name entries of subjectAltName. */
export function altNameEmails(certificate: ParsedCertificate): string[] {
  const names = subjectAltNames(certificate);
  return names ? generalNames(names.der, names.list, 1) : [];
}

/** directoryName entries of subjectAltName. */
export function altNameDirectories(certificate: ParsedCertificate): Dn[] {
  const names = subjectAltNames(certificate);
  if (!names) return [];
  return names.list
    .filter((node) => isContextTag(node, 4))
    .map((node) => {
      const [name] = tlvChildren(names.der, node);
      if (!name) throw new X509Error({ code: 'malformed', message: 'directoryName: expected a Name' });
      return readDn(names.der, name);
    });
}

function subjectAltNames(certificate: ParsedCertificate): { der: Buffer; list: Tlv[] } | undefined {
  const extension = certificate.extensions.get(OID_SUBJECT_ALT_NAME);
  return extension ? { der: extension.value, list: tlvChildren(extension.value, whole(extension.value)) } : undefined;
}

/** An extension's value: one TLV, whole and sound throughout. */
function whole(der: Buffer): Tlv {
  const top = readWhole(der);
  checkNested(der, top);
  return top;
}

/** IA5String-valued GeneralName choices ([1] rfc822Name, [6] URI) as text. */
function generalNames(der: Buffer, names: Tlv[], tag: number): string[] {
  return names.filter((node) => isContextTag(node, tag) && isPrimitive(node)).map((node) => contentOf(der, node).toString('latin1'));
}
