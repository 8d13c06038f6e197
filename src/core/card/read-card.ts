/**
 * Reads the holder's certificate from an IC card (any PKCS#11 token) after its PIN:
 * card PINs are half-width digits (Pension e-bidding manual §2.2), checked before anything is sent,
 * so a mistyped PIN in the wrong input mode never costs one of the card's tries.
 */
import { pickUserCertificate } from '../device-info/user-certificate.js';
import { InputError } from '../messages/index.js';
import { TokenError, type Pkcs11Module } from '../pkcs11/index.js';
import { validateCardPin } from '../pin/index.js';
import type { Secret } from '../secrets/secret.js';
import { cardDetails, type CardDetails } from './card-details.js';

export async function readCard(module: Pkcs11Module, serial: string, pin: Secret, options: { confirmFinalTry?: boolean } = {}): Promise<CardDetails> {
  const token = await module.findToken(serial);
  const typed = pin.reveal();
  const check = validateCardPin(typed, { minLength: Math.max(1, token.minPinLength), ...(token.maxPinLength > 0 ? { maxLength: token.maxPinLength } : {}) });
  if (!check.ok) throw new InputError({ code: check.code, message: 'card PIN refused before use', params: check.params });
  const session = await module.openSession(token.serial);
  try {
    try {
      await session.login('user', typed, { confirmFinalTry: options.confirmFinalTry === true });
    } catch (error) {
      // A wrong or blocked card PIN in the e-bidding manual's own words (Pension e-bidding manual §6.2, 03002),
      // not the USB token's user-PIN text.
      if (error instanceof TokenError && (error.code === 'pinIncorrect' || error.code === 'pinLocked')) {
        throw new InputError({ code: '03002', message: `card login failed (${error.code})` });
      }
      throw error;
    }
    const keyIds = new Set((await session.listKeys()).filter((key) => key.kind === 'private').map((key) => key.id));
    const pick = pickUserCertificate(await session.listCertificates(), keyIds);
    if (pick.kind === 'unreadable') throw new InputError({ code: 'TD-CERT-UNREADABLE', message: 'the card certificate cannot be parsed' });
    if (pick.kind === 'none') throw new InputError({ code: 'TD-CARD-NO-CERTIFICATE', message: 'no holder certificate on the card' });
    return cardDetails(token.serial, pick.certificate.summary);
  } finally {
    await session.logout().catch((error: unknown) => (error instanceof TokenError ? undefined : Promise.reject(error)));
    await session.close();
  }
}
