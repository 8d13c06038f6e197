/**
 * The portal's and the mails' settings in config.json. The SMTP password is not a
 * setting: it comes from env TOKENDESK_CA_SMTP_PASSWORD (config.json may be copied around).
 */
import { z } from 'zod';

export const mailConfigSchema = z.object({
  /** The From of every CA mail. */
  from: z.string().min(3).max(200).default('TokenDesk CA <ca@localhost>'),
  smtp: z
    .object({
      host: z.string().min(1),
      port: z.number().int().min(1).max(65535).default(587),
      /** true: TLS from the first byte (465); false: STARTTLS when the server offers it. */
      secure: z.boolean().default(false),
      /** Refuse to send without STARTTLS (recommended anywhere but loopback). */
      requireTls: z.boolean().default(false),
      user: z.string().optional(),
    })
    .optional(),
});
export type MailConfig = z.infer<typeof mailConfigSchema>;

export const portalDefaults = {
  revocationLinkHours: 24,
  nonceSeconds: 300,
  signatureSkewSeconds: 300,
  formTokenMinutes: 60,
  renewalWindowDays: 60,
  deviceModulePort: 47211,
  lookupLimit: { max: 20, windowSeconds: 60 },
};

export const portalConfigSchema = z.object({
  /** How long a 申請内容確認 link for a revocation stays valid. */
  revocationLinkHours: z.number().int().min(1).max(24 * 14).default(portalDefaults.revocationLinkHours),
  /** How long a nonce for a token proof may wait to be signed. */
  nonceSeconds: z.number().int().min(30).max(3600).default(portalDefaults.nonceSeconds),
  /** How far a signed challenge's time may be from the CA's clock. */
  signatureSkewSeconds: z.number().int().min(10).max(3600).default(portalDefaults.signatureSkewSeconds),
  /** The port of TokenDesk's device module the pages connect to (its documented default; `?port=N` on a page overrides it). */
  deviceModulePort: z.number().int().min(1).max(65535).default(portalDefaults.deviceModulePort),
  /** Renewal opens this many days before expiry (CA manual §3.2: 60). */
  renewalWindowDays: z.number().int().min(1).max(3650).default(portalDefaults.renewalWindowDays),
  /** How long a form may stay open before it must be reloaded (its CSRF token). */
  formTokenMinutes: z.number().int().min(5).max(24 * 60).default(portalDefaults.formTokenMinutes),
  /** 申請状況確認 and the contract lookups: per client, across every server (database counters). */
  lookupLimit: z.object({ max: z.number().int().min(1), windowSeconds: z.number().int().min(1) }).default(portalDefaults.lookupLimit),
});
export type PortalConfig = z.infer<typeof portalConfigSchema>;
