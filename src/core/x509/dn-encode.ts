import { Class, create, oidNode, toBinary, Type, type Asn1 } from './asn1.js';
import { STRING_TAG } from './der-values.js';
import { attributeStringTag, type Dn } from './dn.js';

/**
 * Encodes a DN (ASN.1 order) as an X.501 Name node for a CSR. Apart from dn.ts, which
 * reads names, because writing needs node-forge and reading must not load it.
 */
export function encodeDn(dn: Dn): Asn1 {
  return create(
    Class.UNIVERSAL,
    Type.SEQUENCE,
    true,
    dn.map((rdn) =>
      create(
        Class.UNIVERSAL,
        Type.SET,
        true,
        rdn.map((a) => {
          const stringType = attributeStringTag(a.oid);
          const bytes = stringType === STRING_TAG.UTF8 ? Buffer.from(a.value, 'utf8') : Buffer.from(a.value, 'latin1');
          return create(Class.UNIVERSAL, Type.SEQUENCE, true, [oidNode(a.oid), create(Class.UNIVERSAL, stringType, false, toBinary(bytes))]);
        }),
      ),
    ),
  );
}
