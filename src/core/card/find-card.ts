/**
 * Which card to read when none is named: the only one inserted. With two readers,
 * the new card is the one that is not the card in use. None, or several that
 * cannot be told apart, is said in the catalogue's words.
 */
import { InputError } from '../messages/index.js';
import type { Pkcs11Module } from '../pkcs11/index.js';

export async function findCard(module: Pkcs11Module, options: { notSerial?: string } = {}): Promise<string> {
  let serials = (await module.listTokens()).map((token) => token.serial);
  if (serials.length > 1 && options.notSerial !== undefined) serials = serials.filter((serial) => serial !== options.notSerial);
  if (serials.length === 0) throw new InputError({ code: 'TD-TOKEN-ABSENT', message: 'no card inserted' });
  if (serials.length > 1) throw new InputError({ code: 'TD-TOKEN-SEVERAL', message: 'several cards inserted' });
  return serials[0]!;
}
