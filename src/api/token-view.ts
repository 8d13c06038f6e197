/** A token and the slots as screens see them: plain data (TokenInfo from src/core/pkcs11, serializable). */
import { z } from 'zod';
import { UserMessageSchema } from './user-message.js';

export const PinStateSchema = z.enum(['ok', 'countLow', 'finalTry', 'locked', 'notInitialized']);
const VersionSchema = z.object({ major: z.number().int(), minor: z.number().int() });

export const TokenViewSchema = z.object({
  slotId: z.string(),
  /** eToken serials as 8 upper-case hex digits (02B8BEA7). */
  serial: z.string(),
  label: z.string(),
  manufacturer: z.string(),
  model: z.string(),
  hardwareVersion: VersionSchema,
  firmwareVersion: VersionSchema,
  totalMemory: z.number().optional(),
  freeMemory: z.number().optional(),
  pinState: PinStateSchema,
  soPinState: PinStateSchema,
  legacy: z.boolean(),
  initialized: z.boolean(),
  loginRequired: z.boolean(),
  protectedAuthenticationPath: z.boolean(),
  minPinLength: z.number().int(),
  maxPinLength: z.number().int(),
  maxRsaBits: z.number().int().optional(),
});
export type TokenView = z.infer<typeof TokenViewSchema>;

export const SlotViewSchema = z.object({
  slotId: z.string(),
  description: z.string(),
  present: z.boolean(),
  token: TokenViewSchema.optional(),
  /** A token that is there but does not answer (damaged): the catalogue's words. */
  error: UserMessageSchema.optional(),
});
export type SlotView = z.infer<typeof SlotViewSchema>;

export const TokenPresenceSchema = z.object({
  /** Serials of the tokens present and answering. */
  serials: z.array(z.string()),
  slots: z.array(SlotViewSchema),
});
export type TokenPresence = z.infer<typeof TokenPresenceSchema>;
