/**
 * The portal API on the wire: JSON text frames over a WebSocket at
 * ws://127.0.0.1:PORT/. Every request carries the protocol version and an id;
 * the answer carries the same id. Events carry no id. This file is the server's
 * check of what a page sends; the browser SDK (sdk/tokendesk-portal.ts) speaks
 * the same shapes without a library.
 *
 *   page → module  {"v":"tokendesk-portal/1","id":7,"method":"readDevice","params":{}}
 *   module → page  {"v":"tokendesk-portal/1","id":7,"ok":true,"result":{…}}
 *                  {"v":"tokendesk-portal/1","id":7,"ok":false,"error":{code,text,cause,remedy,…}}
 *                  {"v":"tokendesk-portal/1","event":"pairing"|"presence"|"access","data":{…}}
 */
import { z } from 'zod';

export { DEFAULT_PORTAL_PORT, PORTAL_PROTOCOL } from './portal-constants.js';

/** Far above any request of this API (the largest is a login challenge). */
export const PORTAL_MAX_FRAME_BYTES = 16 * 1024;

/** A server nonce as a CA sends it: base64url or hex, 16 to 128 characters. */
const Nonce = z.string().regex(/^[A-Za-z0-9_-]{16,128}$/);

export const portalMethods = {
  hello: z.object({}).strict(),
  requestAccess: z.object({}).strict(),
  listTokens: z.object({}).strict(),
  /** expectedSerial: the serial the user typed on the page (CA manual §12.1 row 10 when the token differs). */
  readDevice: z.object({ expectedSerial: z.string().max(64).optional() }).strict(),
  /** origin: the origin the CA expects; it must be the page's own, or the challenge is refused. */
  signChallenge: z.object({ nonce: Nonce, origin: z.string().max(256) }).strict(),
} as const;
export type PortalMethod = keyof typeof portalMethods;

export const PortalRequestSchema = z
  .object({ v: z.string().max(64), id: z.number().int().nonnegative().max(2 ** 31), method: z.string().max(32), params: z.unknown().optional() })
  .strict();

export function isPortalMethod(name: string): name is PortalMethod {
  return Object.hasOwn(portalMethods, name);
}

/**
 * What the methods answer: the SDK's own published types (type-only import, so the
 * SDK stays free of zod and the server can never drift from what CA pages compile against).
 */
export type { Device as PortalDevice, Signature as PortalSignature, Token as PortalToken, Hello as PortalHello } from './sdk/tokendesk-portal.js';
