/**
 * What the CA's HTTPS accepts. TLS 1.2 only with ECDHE key exchange (forward secrecy)
 * and an AEAD cipher; TLS 1.3 with its standard suites (all forward-secret AEADs).
 * docs/ca-protocol.md lists the same suites: change both together.
 */
export const TLS_1_2_SUITES = [
  'ECDHE-ECDSA-AES128-GCM-SHA256',
  'ECDHE-RSA-AES128-GCM-SHA256',
  'ECDHE-ECDSA-AES256-GCM-SHA384',
  'ECDHE-RSA-AES256-GCM-SHA384',
  'ECDHE-ECDSA-CHACHA20-POLY1305',
  'ECDHE-RSA-CHACHA20-POLY1305',
] as const;

export const TLS_1_3_SUITES = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'] as const;

export const serverTlsPolicy = {
  minVersion: 'TLSv1.2',
  // Node takes both lists in one string (the TLS_ names set the TLS 1.3 suites).
  ciphers: [...TLS_1_3_SUITES, ...TLS_1_2_SUITES].join(':'),
  honorCipherOrder: true,
} as const;
