/**
 * What TokenDesk's own window sees of the device module (src/device-module): the
 * prompts a CA's web page raised — access for an origin, or a user PIN for a read
 * or a login signature — and the origins the user allowed. PINs typed into these
 * prompts go to the core only, never to the page.
 */
import { z } from 'zod';

export const PortalPromptSchema = z.object({
  id: z.string().max(64),
  kind: z.enum(['access', 'pin']),
  /** The requesting page's origin, exactly as the browser sent it. */
  origin: z.string().max(256),
  /** The short code the page shows too: the user checks both say the same. */
  pairingCode: z.string().max(16),
  /** For a PIN: what the PIN is for. */
  purpose: z.enum(['access', 'readDevice', 'signChallenge']),
  /** The CA listed this origin in its policy file (it still needs the user's first yes). */
  preListed: z.boolean(),
  /** The token the PIN is for (pin prompts). */
  tokenSerial: z.string().max(64).optional(),
  /** The token is on its last PIN try: the user must confirm spending it. */
  finalTry: z.boolean().optional(),
  /** Epoch ms: the prompt is withdrawn after this. */
  expiresAt: z.number(),
});
export type PortalPrompt = z.infer<typeof PortalPromptSchema>;

export const PortalPromptsSchema = z.object({ prompts: z.array(PortalPromptSchema) });
export type PortalPrompts = z.infer<typeof PortalPromptsSchema>;

export const PortalAnswerSchema = z
  .object({
    id: z.string().max(64),
    /** access: once / always / deny; pin: submit / cancel. */
    decision: z.enum(['once', 'always', 'deny', 'submit', 'cancel']),
    pin: z.string().max(64).optional(),
    confirmFinalTry: z.boolean().optional(),
  })
  .strict();
export type PortalAnswer = z.infer<typeof PortalAnswerSchema>;

export const PortalGrantSchema = z.object({
  origin: z.string(),
  kind: z.enum(['once', 'always']),
  /** Epoch ms. */
  grantedAt: z.number(),
  expiresAt: z.number(),
  lastUsedAt: z.number().optional(),
  preListed: z.boolean(),
});
export type PortalGrant = z.infer<typeof PortalGrantSchema>;
