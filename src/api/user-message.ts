/**
 * The one error shape that crosses a process boundary: an entry of the catalogue
 * (src/core/messages) with its parameters filled in — never a raw error, its
 * message text or a stack trace.
 */
import { z } from 'zod';

export const LocalizedSchema = z.object({ ja: z.string(), en: z.string() });

export const UserMessageSchema = z.object({
  code: z.string().max(64),
  severity: z.enum(['error', 'warning', 'info']),
  text: LocalizedSchema,
  cause: LocalizedSchema,
  remedy: LocalizedSchema,
  /** Only on the generic entry: the unmapped failure's code, for the helpdesk. */
  rawCode: z.string().max(64).optional(),
});

export type UserMessage = z.infer<typeof UserMessageSchema>;
export type Language = 'ja' | 'en';
export const LanguageSchema = z.enum(['ja', 'en']);
