/**
 * Flows B (device information), C (helpdesk diagnosis) and D (IC card) as screens
 * see them. PROVISIONAL: shaped from SPEC.md and src/core/device-info while issue 6
 * builds those cores; fields may be added, none will be removed or renamed.
 */
import { z } from 'zod';
import { CertificateStatusSchema, CertificateViewSchema } from './certificate-view.js';
import { TokenViewSchema } from './token-view.js';
import { LocalizedSchema, UserMessageSchema } from './user-message.js';

export const DeviceInfoViewSchema = z.object({
  token: TokenViewSchema,
  /** found: the holder's certificate; none: nothing stored; unreadable: present but damaged. */
  certificateState: z.enum(['found', 'none', 'unreadable']),
  certificate: CertificateViewSchema.optional(),
  status: CertificateStatusSchema.optional(),
  revocation: z.enum(['good', 'revoked', 'unknown']).optional(),
  /** Whose clock judged validity: the CA's (seed 003) or, without a CA, the PC's. */
  clockSource: z.enum(['ca', 'pc']).optional(),
  /** The token's damage status (000 §11.1). */
  damage: z.enum(['ok', 'damaged']),
  /** Notes for the holder: renew soon, revocation unknown, clock off, … */
  notices: z.array(UserMessageSchema),
});
export type DeviceInfoView = z.infer<typeof DeviceInfoViewSchema>;

export const DiagnosisCheckSchema = z.object({
  id: z.string(),
  title: LocalizedSchema,
  outcome: z.enum(['pass', 'fail', 'warn', 'skipped']),
  message: UserMessageSchema.optional(),
});

export const DiagnosisViewSchema = z.object({
  checks: z.array(DiagnosisCheckSchema),
  /** The one problem named, with its remedy; absent when every check passed. */
  verdict: UserMessageSchema.optional(),
  /** The report a contractor mails to the CA (000 §14.3): plain text, never a PIN. */
  report: z.string(),
});
export type DiagnosisView = z.infer<typeof DiagnosisViewSchema>;

export const CardWhichSchema = z.enum(['current', 'new']);

export const CardViewSchema = z.object({
  which: CardWhichSchema,
  token: TokenViewSchema,
  certificate: CertificateViewSchema,
  status: CertificateStatusSchema,
});
export type CardView = z.infer<typeof CardViewSchema>;

export const CardComparisonViewSchema = z.object({
  current: CardViewSchema,
  new: CardViewSchema,
  companyDiffers: z.boolean(),
  /** E.g. the company names differ, the current card has expired (003: a new registration is needed). */
  warnings: z.array(UserMessageSchema),
});
export type CardComparisonView = z.infer<typeof CardComparisonViewSchema>;
