import { describe, expect, it } from 'vitest';
import { formatDn, parseDn, X509Error } from '../../../src/core/x509/index.js';

function reasonOf(text: string): string | undefined {
  try {
    parseDn(text);
  } catch (error) {
    if (error instanceof X509Error && error.code === 'subjectInvalid') return String(error.params.reason);
    throw error;
  }
  return undefined;
}

describe('parseDn / formatDn', () => {
  it('round-trips the issuer DNs the seeds print', () => {
    for (const text of ['OU=TEST CA,O=TEST CA,C=JP', 'OU=bidca4,O=pki4,ST=Kanagawa,C=JP']) {
      expect(formatDn(parseDn(text))).toBe(text);
    }
  });

  it('stores RDNs in ASN.1 order: country first', () => {
    const dn = parseDn('CN=400156819 Souken Tarou,O=Example,C=JP');
    expect(dn.map((rdn) => rdn[0]!.name)).toEqual(['C', 'O', 'CN']);
    expect(dn[2]![0]!.value).toBe('400156819 Souken Tarou');
  });

  it('reads escapes, quotes, hex UTF-8 and multi-valued RDNs; trims unescaped spaces only', () => {
    const dn = parseDn('CN=Tarou\\, Souken+UID=42 , O="A, B",L=\\E6\\9D\\B1\\E4\\BA\\AC, OU=x\\ ');
    expect(dn.flat().map((a) => `${a.name}=${a.value}`)).toEqual(['OU=x ', 'L=東京', 'O=A, B', 'CN=Tarou, Souken', 'UID=42']);
    expect(formatDn(dn)).toBe('CN=Tarou\\, Souken+UID=42,O=A\\, B,L=東京,OU=x\\ ');
  });

  it('escapes only what RFC 4514 asks: a leading # or space, a trailing space, the special characters', () => {
    const dn = [[{ oid: '2.5.4.3', name: 'CN', value: '#1 a' }], [{ oid: '2.5.4.11', name: 'OU', value: ' b ' }], [{ oid: '2.5.4.10', name: 'O', value: 'a=b;c' }], [{ oid: '2.5.4.7', name: 'L', value: 'plain' }], [{ oid: '2.5.4.6', name: 'C', value: '' }]];
    expect(formatDn(dn)).toBe('C=,L=plain,O=a\\=b\\;c,OU=\\ b\\ ,CN=\\#1 a');
    expect(formatDn([])).toBe('');
  });

  it('accepts Japanese text, aliases and OIDs, and an empty subject', () => {
    const dn = parseDn('cn=総研 太郎,emailAddress=t@example.jp,2.5.4.10=株式会社テスト,C=JP');
    expect(dn.flat().map((a) => a.name)).toEqual(['C', 'O', 'E', 'CN']);
    expect(parseDn('   ')).toEqual([]);
  });

  it.each([
    ['CN', 'syntax'],
    ['CN=a,', 'syntax'],
    ['=a', 'syntax'],
    ['CN="a', 'syntax'],
    ['CN=a\\', 'syntax'],
    ['CN=a,,O=b', 'syntax'],
    ['FOO=bar', 'unknownAttribute'],
    ['CN=', 'emptyValue'],
    ['C=Japan', 'countryCode'],
    ['C=jp', 'countryCode'],
    [`CN=${'x'.repeat(65)}`, 'tooLong'],
    ['E=太郎@example.jp', 'notAscii'],
  ])('refuses %j (%s)', (text, reason) => {
    expect(reasonOf(text)).toBe(reason);
  });
});
