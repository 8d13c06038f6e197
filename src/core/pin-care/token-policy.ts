/**
 * The token's own password policy applied to a new user PIN, in a session with the
 * token, before any C_InitPIN / C_SetPIN (docs/architecture.md, Flow F). The manual's rule is checked
 * by the callers' input step; this adds what the token itself says (SafeNet's
 * ETCKH_PIN_POLICY), and says nothing where the token states no policy.
 */
import { InputError } from '../messages/errors.js';
import type { TokenSession } from '../pkcs11/index.js';
import { checkTokenPinPolicy } from '../pin/index.js';
import type { Secret } from '../secrets/secret.js';

export async function assertTokenAcceptsUserPin(session: TokenSession, newUserPin: Secret): Promise<void> {
  const policy = await session.pinPolicy();
  const check = checkTokenPinPolicy(newUserPin.reveal(), policy);
  if (!check.ok) throw new InputError({ code: check.code, message: `The token's password policy refuses the new user PIN (${check.code})`, params: check.params });
}
