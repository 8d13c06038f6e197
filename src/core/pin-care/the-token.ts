/**
 * The token PIN care works on: the one with that serial, or the only one plugged in —
 * a PIN meant for one token is never tried on another.
 */
import { TokenError, type Pkcs11Module, type TokenInfo } from '../pkcs11/index.js';

export async function theToken(module: Pkcs11Module, serial: string | undefined): Promise<TokenInfo> {
  if (serial) return module.findToken(serial);
  const tokens = await module.listTokens();
  if (tokens.length === 0) throw new TokenError({ code: 'tokenAbsent', message: 'No token is plugged in' });
  if (tokens.length > 1) throw new TokenError({ code: 'severalTokens', message: `${tokens.length} tokens are plugged in; name one with its serial` });
  return tokens[0]!;
}
