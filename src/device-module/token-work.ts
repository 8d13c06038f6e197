/**
 * What the portal API does on the token, with the core's own flows: the token
 * list (no PIN), Flow B's device information after the PIN, and a login signature.
 * Checks that need no PIN run before TokenDesk asks for one: no token (CA manual
 * §12.1 row 3), several (row 4), not the serial the user typed (row 10), locked
 * (row 6) — no PIN prompt, and no try, for an answer known in advance.
 */
import { readDeviceInfo, pickUserCertificate } from '../core/device-info/index.js';
import { InputError, messageFor, type UserMessage } from '../core/messages/index.js';
import { openModule, type Pkcs11Module, type TokenInfo } from '../core/pkcs11/index.js';
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
 * (test/bench, portal-read). An allowed page's presence watch holds it the same way.
 */
export function withLibraryLoaded<T>(modulePath: string | undefined, work: () => Promise<T>): Promise<T> {
  return withModule(modulePath, () => work());
}

/** What a page may know of a token: nothing that needs a PIN. */
export function toPortalToken(token: TokenInfo): PortalToken {
  return { serial: token.serial, maker: token.manufacturer, model: token.model, pinState: token.pinState };
}

export function listPortalTokens(modulePath: string | undefined): Promise<PortalToken[]> {
  return withModule(modulePath, async (module) => (await module.listTokens()).map(toPortalToken));
}

/** The one token a PIN prompt will be about, or the manual's refusal without asking. */
export async function theOneToken(modulePath: string | undefined, expectedSerial?: string): Promise<{ serial: string; finalTry: boolean }> {
  const tokens = await listPortalTokens(modulePath);
  if (tokens.length === 0) throw new InputError({ code: 'TD-TOKEN-ABSENT', message: 'no token' });
  if (tokens.length > 1) throw new InputError({ code: 'TD-TOKEN-SEVERAL', message: 'several tokens' });
  const token = tokens[0]!;
  if (expectedSerial !== undefined && expectedSerial.trim().toLowerCase() !== token.serial.toLowerCase()) {
    throw new InputError({ code: 'TD-SERIAL-MISMATCH', message: 'not the serial the user typed', params: { tokenSerial: token.serial } });
  }
  if (token.pinState === 'locked') throw new InputError({ code: 'TD-TOKEN-LOCKED', message: 'user PIN locked' });
  return { serial: token.serial, finalTry: token.pinState === 'finalTry' };
}

export async function readPortalDevice(modulePath: string | undefined, serial: string, pin: Secret, confirmFinalTry: boolean): Promise<PortalDevice> {
  const { info, diagnosis, certificateDer } = await readDeviceInfo({ ...(modulePath ? { modulePath } : {}), serial, userPin: pin, ...(confirmFinalTry ? { confirmFinalTry: true } : {}) });
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

export async function signWithToken(modulePath: string | undefined, serial: string, pin: Secret, confirmFinalTry: boolean, signedData: string): Promise<PortalSignature> {
  return withModule(modulePath, async (module) => {
    const session = await module.openSession(serial);
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
  });
}

function toPem(der: Buffer): string {
  const lines = der.toString('base64').match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}
