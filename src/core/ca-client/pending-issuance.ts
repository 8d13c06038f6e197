/**
 * The answer of `GET /api/v1/tokens/{serial}/pending` (docs/ca-protocol.md): whose
 * issuance a token carries, shown at STEP2. One shape for both ends: the reference
 * CA writes it (src/server/enrollment.ts), the client reads it (ca-client.ts).
 */

/** Why the certificate is issued: 新規 / 更新 / 再発行. */
export type IssuanceKind = 'new' | 'renewal' | 'reissue';

export interface PendingIssuance {
  applicationNo: string;
  userId: string;
  name: string;
  kind: IssuanceKind;
  /** The token the application names; null when it names none. */
  tokenSerial: string | null;
  /** The key the token must generate; the reference CA asks for RSA-2048. */
  keySpec: { algorithm: 'RSA'; bits: number };
}
