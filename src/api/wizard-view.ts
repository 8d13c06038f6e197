/**
 * The storage wizard (Flow A) as a screen sees it: StorageWizard's state from
 * src/core/storage made serializable — dates as epoch ms or ISO text, the error as
 * a catalogue message. Never holds a PIN.
 */
import { z } from 'zod';
import { TokenViewSchema } from './token-view.js';
import { UserMessageSchema } from './user-message.js';

export const StorageStepSchema = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
export type StorageStep = z.infer<typeof StorageStepSchema>;

export const WizardTargetSchema = z.object({
  /** What the step bar and STEP2 show: `400156819 Souken Tarou`. */
  label: z.string(),
  estUser: z.string(),
  userId: z.string().optional(),
  name: z.string().optional(),
  kind: z.enum(['new', 'renewal', 'reissue']).optional(),
  applicationNo: z.string().optional(),
  subject: z.string().optional(),
});

export const ClockWarningSchema = z.object({
  serverTime: z.string(),
  pcTime: z.string(),
  /** PC minus CA, ms (positive: the PC is ahead). */
  skewMs: z.number(),
  tooFar: z.boolean(),
});

export const WizardResultSchema = z.object({
  keyId: z.string(),
  label: z.string(),
  /** The stored certificate, DER in base64. */
  certificate: z.string(),
  certificateSerialHex: z.string(),
  resumed: z.boolean(),
  removedOldObjects: z.number().int(),
});

export const WizardViewSchema = z.object({
  step: StorageStepSchema,
  /** 'input': waiting for the user (the step's clock runs); 'working': the token or CA is busy. */
  status: z.enum(['input', 'working', 'done']),
  /** When this input step times out back to STEP1 (epoch ms, PC clock). */
  deadline: z.number().optional(),
  /** The step's whole limit (ms), which `deadline` was set from: the countdown never shows more. */
  stepLimitMs: z.number().optional(),
  token: TokenViewSchema.optional(),
  /** The CA named no issuance for this token: STEP2's confirmUser needs the application number from the CA's mail; STEP4 shows whom the storage-PIN check named. */
  applicationNoNeeded: z.boolean().optional(),
  target: WizardTargetSchema.optional(),
  /** STEP3: storage-PIN attempts the CA still allows, when it says. */
  attemptsLeft: z.number().int().optional(),
  error: UserMessageSchema.optional(),
  clockWarning: ClockWarningSchema.optional(),
  result: WizardResultSchema.optional(),
});
export type WizardView = z.infer<typeof WizardViewSchema>;

export const StorageProgressSchema = z.enum([
  'userPin',
  'caCertificates',
  'keyReused',
  'keyGeneration',
  'certificateRequest',
  'enrollment',
  'awaitingApproval',
  'certificateWrite',
  'verification',
  'oldObjectsRemoved',
  'reportStored',
]);

export const WizardProgressSchema = z.object({
  progress: StorageProgressSchema,
  phase: z.enum(['start', 'end', 'failed']),
  at: z.number(),
});
export type WizardProgress = z.infer<typeof WizardProgressSchema>;
