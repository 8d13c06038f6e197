/**
 * What the portal API does on the token, with the core's own flows: the token
 * list (no PIN), Flow B's device information after the PIN, and a login signature.
 * Checks that need no PIN run before TokenDesk asks for one: no token (CA manual
 * §12.1 row 3), several (row 4), not the serial the user typed (row 10), locked
 * (row 6) — no PIN prompt, and no try, for an answer known in advance.
 */
import { readDeviceInfo, pickUserCertificate } from '../core/device-info/index.js';
import { InputError, messageFor, type UserMessage } from '../core/messages/index.js';
import { answeringTokens, openModule, type Pkcs11Module, type TokenInfo, type TokenSlot } from '../core/pkcs11/index.js';
import type { Secret } from '../core/secrets/secret.js';
import type { PortalDevice, PortalSignature, PortalToken } from './portal-protocol.js';

/** A refusal whose words are already chosen (e.g. the diagnosis's verdict for a token that cannot be read). */
export class PortalRefusal extends Error {
  override readonly name = 'PortalRefusal';
  constructor(readonly userMessage: UserMessage) {
    super(userMessage.code);
  }
}

async function withModule<T>(modulePath: string | undefined, work: (module: Pkcs11Module) => Promise<T>): Promise<T> {
  const module = await openModule(modulePath);
  try {
    return await work(module);
  } finally {
    await module.release();
  }
}

/**
 * Runs one page request with the library loaded once for all of it: the listing
 * before the PIN prompt and the token work after it share that load (openModule
 * counts its users) instead of loading, initializing and finalizing it twice
 * (test/bench, portal-read), and the slot handles of that listing stay valid for
 * the work after the prompt. An allowed page's presence watch holds it the same way.
 */
export const withLibraryLoaded: <T>(modulePath: string | undefined, work: (module: Pkcs11Module) => Promise<T>) => Promise<T> = withModule;

/** What a page may know of a token: nothing that needs a PIN. */
export function toPortalToken(token: TokenInfo): PortalToken {
  return { serial: token.serial, maker: token.manufacturer, model: token.model, pinState: token.pinState };
}

export function listPortalTokens(modulePath: string | undefined): Promise<PortalToken[]> {
  return withModule(modulePath, async (module) => (await module.listTokens()).map(toPortalToken));
}

/** The token a PIN prompt is about, as listed just before it, with that listing (the work after the prompt uses it instead of listing again). */
export interface PromptedToken {
  serial: string;
  finalTry: boolean;
  token: TokenInfo;
  listed: { module: Pkcs11Module; slots: readonly TokenSlot[] };
}

/**
 * The one token a PIN prompt will be about, or the manual's refusal without asking.
 * One listing (C_GetSlotList with tokenPresent, C_GetTokenInfo), made on the library
 * the request holds loaded, serves both the checks before the prompt and the token
 * work after it: a token pulled out while the user types fails at C_OpenSession, one
 * put in its slot instead is refused by the login guard before any try.
 */
export async function theOneToken(module: Pkcs11Module, expectedSerial?: string): Promise<PromptedToken> {
  // As diagnosis lists them (the read uses this listing): no key sizes, which neither the page nor the read looks at.
  const slots = await module.listTokenSlots({ keySizes: false });
  const tokens = answeringTokens(slots);
  if (tokens.length === 0) throw new InputError({ code: 'TD-TOKEN-ABSENT', message: 'no token' });
  if (tokens.length > 1) throw new InputError({ code: 'TD-TOKEN-SEVERAL', message: 'several tokens' });
  const token = tokens[0]!;
  const serial = token.serial;
  if (expectedSerial !== undefined && expectedSerial.trim().toLowerCase() !== serial.toLowerCase()) {
    throw new InputError({ code: 'TD-SERIAL-MISMATCH', message: 'not the serial the user typed', params: { tokenSerial: serial } });
  }
  if (token.pinState === 'locked') throw new InputError({ code: 'TD-TOKEN-LOCKED', message: 'user PIN locked' });
  return { serial, finalTry: token.pinState === 'finalTry', token, listed: { module, slots } };
}

/** Flow B's facts for a page; `listed`: the listing made before the prompt, on the library the caller still holds loaded. */
export async function readPortalDevice(modulePath: string | undefined, serial: string, pin: Secret, confirmFinalTry: boolean, listed?: PromptedToken['listed']): Promise<PortalDevice> {
  const { info, diagnosis, certificateDer } = await readDeviceInfo({
    ...(modulePath ? { modulePath } : {}),
    serial,
    userPin: pin,
    ...(confirmFinalTry ? { confirmFinalTry: true } : {}),
    ...(listed ? { listed } : {}),
  });
  // The page gets the very certificate the facts below describe, from the same read: no second session.
  if (!info || !certificateDer) throw new PortalRefusal(diagnosis.message);
  const certificatePem = toPem(certificateDer);
  const device: PortalDevice = {
    tokenSerial: info.token.serial,
    tokenMaker: info.token.manufacturer,
    tokenModel: info.token.model,
    validFrom: info.validFrom,
    validTo: info.validTo,
    certificateSerial: info.certificateSerial,
    issuerDn: info.issuerDn,
    status: info.status,
    statusText: info.statusMessage.text,
    health: info.health,
    healthText: info.healthMessage.text,
    certificatePem,
  };
  if (info.ownerName !== undefined) device.ownerName = info.ownerName;
  if (info.company !== undefined) device.company = info.company;
  if (info.userId !== undefined) device.userId = info.userId;
  if (info.email !== undefined) device.email = info.email;
  return device;
}

/** A login signature by the token listed before the prompt, on the library the caller holds loaded (no second listing). */
export async function signWithToken(prompted: PromptedToken, pin: Secret, confirmFinalTry: boolean, signedData: string): Promise<PortalSignature> {
  const session = await prompted.listed.module.openSession(prompted.token);
  try {
    await session.login('user', pin.reveal(), { confirmFinalTry });
    try {
      const keyIds = new Set((await session.listKeys()).filter((key) => key.kind === 'private').map((key) => key.id));
      const pick = pickUserCertificate(await session.listCertificates(), keyIds);
      if (pick.kind !== 'found' || !keyIds.has(pick.certificate.object.id)) throw new PortalRefusal(messageFor('TD-CERT-NOT-STORED'));
      const signature = await session.sign(pick.certificate.object.id, Buffer.from(signedData, 'utf8'));
      return { signedData, signature: signature.toString('base64'), algorithm: 'RS256', certificatePem: toPem(pick.certificate.object.der) };
    } finally {
      await session.logout().catch(() => undefined);
    }
  } finally {
    await session.close();
  }
}

function toPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
