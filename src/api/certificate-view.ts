/**
 * A certificate as Flow B and Flow D show it (CertificateSummary from src/core/x509,
 * serializable): serial in decimal and hex, dates as ISO text and as `YYYY/MM/DD` JST.
 */
import { z } from 'zod';

export const CertificateStatusSchema = z.enum(['valid', 'renewSoon', 'expired', 'notYetValid', 'revoked', 'unknown']);
export type CertificateStatus = z.infer<typeof CertificateStatusSchema>;

export const CertificateViewSchema = z.object({
  subjectDn: z.string(),
  issuerDn: z.string(),
  userId: z.string().optional(),
  holderName: z.string().optional(),
  company: z.string().optional(),
  companyAddress: z.string().optional(),
  holderAddress: z.string().optional(),
  email: z.string().optional(),
  serial: z.object({ hex: z.string(), decimal: z.string(), display: z.string() }),
  notBefore: z.string(),
  notAfter: z.string(),
  notBeforeDisplay: z.string(),
  notAfterDisplay: z.string(),
  keyType: z.string(),
  keyBits: z.number().int().optional(),
  sha256Fingerprint: z.string(),
});
export type CertificateView = z.infer<typeof CertificateViewSchema>;
