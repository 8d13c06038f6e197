/**
 * Flow F (PIN care) as screens see it: the requests carry PINs and the unlock code only
 * as far as the core, which wipes them; the answers never hold one. Browser-safe: zod only.
 */
import { z } from 'zod';
import { DiagnosisViewSchema } from './flow-views.js';

/** Secrets are bounded here only against abuse; their rules (and the catalogue's words) live in src/core. */
const SecretText = z.string().max(64);
const Serial = z.string().max(64);

export const ChangeUserPinRequestSchema = z
  .object({ currentPin: SecretText, newPin: SecretText, confirmation: SecretText, serial: Serial.optional(), confirmFinalTry: z.boolean().optional() })
  .strict();

export const PinChangedViewSchema = z.object({ serial: z.string(), userPinLeft: z.number().int().optional() });
export type PinChangedView = z.infer<typeof PinChangedViewSchema>;

/** confirmFinalTry: the user agreed to spend the SO PIN's last try, after a TD-PIN-FINAL-TRY refusal. */
export const UnlockRequestSchema = z
  .object({ unlockCode: SecretText, newPin: SecretText, confirmation: SecretText, serial: Serial.optional(), confirmFinalTry: z.boolean().optional() })
  .strict();

export const UnlockedViewSchema = z.object({
  serial: z.string(),
  /** Whether the CA took the "unlocked" report (else the code lapses after 72 hours on its own). */
  reported: z.boolean(),
  /** The diagnosis run again with the new PIN. */
  diagnosis: DiagnosisViewSchema,
});
export type UnlockedView = z.infer<typeof UnlockedViewSchema>;
