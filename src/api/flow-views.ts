/**
 * Flows B (device information), C (helpdesk diagnosis) and D (IC card) as screens
 * see them: the results of src/core/device-info, src/core/diagnosis and
 * src/core/card made serializable — dates as text, every message the catalogue's
 * UserMessage. Never a PIN: no view has a field that could hold one.
 *
 * Browser-safe: zod, and the verdict list from src/core/diagnosis/verdict.ts (plain
 * data). The check IDs are repeated here; src/core/service/flow-views.ts fails to
 * compile if they drift apart.
 */
import { z } from 'zod';
// verdict.ts is plain data (no imports), so the browser bundle can share the list.
import { VERDICTS } from '../core/diagnosis/verdict.js';
import { CertificateStatusSchema } from './certificate-view.js';
import { PinStateSchema } from './token-view.js';
import { LocalizedSchema, UserMessageSchema } from './user-message.js';

/** What diagnosis concludes (src/core/diagnosis/verdict.ts), most serious first. */
export const VerdictSchema = z.enum(VERDICTS);
export type VerdictView = z.infer<typeof VerdictSchema>;

/** The token as diagnosis read it (DiagnosedToken): versions as `1.0`, tries left where the module tells. */
export const DiagnosedTokenViewSchema = z.object({
  serial: z.string(),
  label: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  hardwareVersion: z.string(),
  firmwareVersion: z.string(),
  totalMemory: z.number().optional(),
  freeMemory: z.number().optional(),
  pinState: PinStateSchema,
  userPinLeft: z.number().int().optional(),
  userPinMax: z.number().int().optional(),
  /** The vendor's own facts (SafeNet's ETCKH_TOKEN_OBJECT); a field absent = unknown. */
  device: z
    .object({
      productName: z.string().optional(),
      model: z.string().optional(),
      firmwareRevision: z.string().optional(),
      productionDate: z.string().optional(),
      fips: z.boolean().optional(),
      rsaKeyArea: z.number().int().optional(),
    })
    .optional(),
});
export type DiagnosedTokenView = z.infer<typeof DiagnosedTokenViewSchema>;

/** The holder's certificate as diagnosis read it (DiagnosedCertificate): serial and dates as shown (`YYYY/MM/DD`). */
export const DiagnosedCertificateViewSchema = z.object({
  userId: z.string().optional(),
  holderName: z.string().optional(),
  company: z.string().optional(),
  email: z.string().optional(),
  serial: z.string(),
  issuerDn: z.string(),
  notBefore: z.string(),
  notAfter: z.string(),
});

export const CheckIdSchema = z.enum(['middleware', 'tokenCount', 'initialized', 'pinState', 'deviceAnswers', 'certificate', 'userLogin', 'keyPair', 'validity', 'revocation', 'clock']);
export const CheckResultSchema = z.enum(['ok', 'warning', 'failed', 'skipped']);
export type CheckResultView = z.infer<typeof CheckResultSchema>;

export const DiagnosisCheckSchema = z.object({
  id: CheckIdSchema,
  /** The check's name (CHECK_LABELS). */
  label: LocalizedSchema,
  result: CheckResultSchema,
  /** One short line of what was seen; why, when skipped. */
  detail: LocalizedSchema,
  verdict: VerdictSchema.optional(),
  message: UserMessageSchema.optional(),
});
export type DiagnosisCheckView = z.infer<typeof DiagnosisCheckSchema>;

export const DiagnosisViewSchema = z.object({
  verdict: VerdictSchema,
  /** The verdict in the catalogue's words, with its remedy (TD-DIAG-HEALTHY when nothing is wrong). */
  message: UserMessageSchema,
  /** Warnings that do not change the verdict: renewal due, revocation unknown, PC clock off. */
  notices: z.array(UserMessageSchema),
  checks: z.array(DiagnosisCheckSchema),
  withPin: z.boolean(),
  loggedIn: z.boolean(),
  module: z.object({ path: z.string(), manufacturer: z.string(), description: z.string(), cryptokiVersion: z.string(), libraryVersion: z.string() }).optional(),
  tokensSeen: z.array(z.string()),
  token: DiagnosedTokenViewSchema.optional(),
  certificate: DiagnosedCertificateViewSchema.optional(),
  status: z
    .object({
      status: CertificateStatusSchema,
      validity: z.enum(['valid', 'renewSoon', 'expired', 'notYetValid']),
      clockSource: z.enum(['ca', 'pc']),
      revocation: z.enum(['good', 'revoked', 'unknown']),
    })
    .optional(),
  /** ISO text. */
  generatedAt: z.string(),
  /** The report a contractor mails to the CA (CA manual §14.3), in both languages: plain text, never a PIN. */
  report: LocalizedSchema,
});
export type DiagnosisView = z.infer<typeof DiagnosisViewSchema>;

/** Flow B's facts (DeviceInfo): present only when the holder logged in and a certificate was read. */
export const DeviceInfoSchema = z.object({
  company: z.string().optional(),
  ownerName: z.string().optional(),
  userId: z.string().optional(),
  email: z.string().optional(),
  /** `YYYY/MM/DD` (JST). */
  validFrom: z.string(),
  validTo: z.string(),
  issuedOn: z.string(),
  certificateSerial: z.string(),
  issuerDn: z.string(),
  status: CertificateStatusSchema,
  statusMessage: UserMessageSchema,
  token: DiagnosedTokenViewSchema,
  health: VerdictSchema,
  healthMessage: UserMessageSchema,
  notices: z.array(UserMessageSchema),
});
export type DeviceInfoFacts = z.infer<typeof DeviceInfoSchema>;

/**
 * readDeviceInfo's answer: the facts when the login worked, and always the
 * diagnosis of the same run — so a locked or damaged token still shows what it is.
 */
export const DeviceInfoViewSchema = z.object({
  info: DeviceInfoSchema.optional(),
  diagnosis: DiagnosisViewSchema,
});
export type DeviceInfoView = z.infer<typeof DeviceInfoViewSchema>;

export const CardWhichSchema = z.enum(['current', 'new']);

/** One card's certificate (CardDetails) as e-bidding systems show it. */
export const CardDetailsViewSchema = z.object({
  cardSerial: z.string(),
  company: z.string().optional(),
  companyAddress: z.string().optional(),
  holderName: z.string().optional(),
  holderAddress: z.string().optional(),
  /** `683 (10進) / 2ab (16進)`. */
  certificateSerial: z.string(),
  /** `OU=TEST CA,O=TEST CA,C=JP`. */
  issuerDn: z.string(),
  /** `YYYY/MM/DD`. */
  expiry: z.string(),
  /** ISO text. */
  notAfter: z.string(),
  notBefore: z.string(),
});
export type CardDetailsView = z.infer<typeof CardDetailsViewSchema>;

export const CardViewSchema = z.object({
  which: CardWhichSchema,
  details: CardDetailsViewSchema,
  /** Validity by the CA's clock where it answered, else the PC's. */
  status: z.enum(['valid', 'renewSoon', 'expired', 'notYetValid']),
});
export type CardView = z.infer<typeof CardViewSchema>;

export const CardComparisonViewSchema = z.object({
  old: CardDetailsViewSchema,
  new: CardDetailsViewSchema,
  /** Set when the update cannot go ahead: the card in use has expired (Nagasaki card-update manual: a new registration is needed), or the same card twice. */
  refusal: UserMessageSchema.optional(),
  /** E.g. the company names differ, the new card is not valid yet, the PC clock is off. */
  warnings: z.array(UserMessageSchema),
  companyDiffers: z.boolean(),
});
export type CardComparisonView = z.infer<typeof CardComparisonViewSchema>;
