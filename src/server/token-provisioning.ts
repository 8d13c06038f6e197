/**
 * `tokendesk ca token provision`: makes a token CA-managed before it is shipped
 * (CA manual §7: the CA sends the token). C_InitToken with its current SO PIN, a fresh
 * random SO PIN (C_SetPIN as SO), a random transport user PIN (C_InitPIN) that nobody
 * keeps — the contractor sets their own user PIN in STEP4 with the SO PIN the CA hands
 * out through verify-pin — a fresh possession tag (possession-proof.ts) as a public
 * object, and the serial + SO PIN, sealed, + the tag's hash in the database.
 * Re-provisioning wipes the token, so the old tag goes and the new hash replaces it.
 */
import { randomInt } from 'node:crypto';
import { openModule, TokenError, writePossessionTag } from '../core/pkcs11/index.js';
import type { CaContext } from './ca-context.js';
import { normalizeTokenSerial } from './identifiers.js';
import { newPossessionTag } from './possession-proof.js';
import { ServerError, serverErrors } from './server-error.js';

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
const LOWER = 'abcdefghijkmnopqrstuvwxyz';
const DIGITS = '23456789';
const ALPHANUMERIC = UPPER + LOWER + DIGITS;

/**
 * A random PIN with at least one upper-case letter, one lower-case letter and one digit,
 * so a token whose own policy asks for mixed characters (SafeNet's ETCKA_PIN_MIX_CHARS)
 * takes it: an all-letter PIN would fail provisioning at random.
 */
function randomPin(length: number): string {
  const pick = (from: string) => from[randomInt(from.length)]!;
  const characters = [pick(UPPER), pick(LOWER), pick(DIGITS)];
  while (characters.length < length) characters.push(pick(ALPHANUMERIC));
  // Fisher–Yates, so the guaranteed classes sit at no fixed place.
  for (let i = characters.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [characters[i], characters[j]] = [characters[j]!, characters[i]!];
  }
  return characters.join('');
}

function asServerError(error: unknown): unknown {
  if (!(error instanceof TokenError)) return error;
  const remedy = { ja: 'USBトークンとSO PINを確認して再度実行してください。', en: 'Check the token and its SO PIN, then try again.' };
  switch (error.code) {
    case 'pinIncorrect':
      return new ServerError({ code: 'soPinIncorrect', status: 400, text: { ja: '現在のSO PINが正しくありません。', en: 'The current SO PIN is incorrect.' }, remedy });
    case 'pinLocked':
      return new ServerError({ code: 'soPinLocked', status: 400, text: { ja: 'SO PINがロックされています。', en: 'The SO PIN is locked.' }, remedy: { ja: 'このUSBトークンは出荷に使えません。', en: 'This token cannot be shipped.' } });
    case 'tokenNotFound':
    case 'tokenAbsent':
      return new ServerError({ code: 'tokenNotFound', status: 404, text: { ja: '指定したシリアルナンバーのUSBトークンが見つかりません。', en: 'No token with that serial is connected.' }, remedy });
    case 'moduleNotFound':
    case 'moduleLoadFailed':
      return new ServerError({ code: 'moduleNotFound', status: 400, text: { ja: 'PKCS#11モジュールを読み込めません。', en: 'The PKCS#11 module cannot be loaded.' }, remedy: { ja: '--module のパスを確認してください。', en: 'Check the --module path.' } });
    default:
      return new ServerError({ code: 'tokenFailure', status: 500, text: { ja: `USBトークンの操作に失敗しました（${error.code}）。`, en: `The token operation failed (${error.code}).` }, remedy });
  }
}

export interface ProvisionRequest {
  modulePath: string;
  serial: string;
  label: string;
  currentSoPin: string;
}

export async function provisionToken(ctx: CaContext, request: ProvisionRequest): Promise<{ serial: string; label: string; provisionedAt: string }> {
  if (request.currentSoPin.length === 0) throw serverErrors.invalidArgument({ ja: '現在のSO PINが入力されていません。', en: 'The current SO PIN is empty.' });
  const serial = normalizeTokenSerial(request.serial);
  const soPin = randomPin(16);
  const transportUserPin = randomPin(8);
  const possession = newPossessionTag();
  let module;
  try {
    module = await openModule(request.modulePath);
  } catch (error) {
    throw asServerError(error);
  }
  try {
    const token = await module.findToken(serial);
    await module.initToken(token.serial, request.currentSoPin, request.label);
    const session = await module.openSession(token.serial, { readWrite: true });
    try {
      await session.login('so', request.currentSoPin);
      await session.setPin(request.currentSoPin, soPin);
      await session.initPin(transportUserPin);
      await session.logout();
      // Written as the user: every module lets the user create public objects, not every one lets the SO.
      await session.login('user', transportUserPin);
      await writePossessionTag(session, possession.tag);
      await session.logout();
    } finally {
      await session.close();
    }
    const provisionedAt = new Date().toISOString();
    // Recorded under the normalized serial, as applications name it (modules differ in case).
    await ctx.store.saveToken({
      serial,
      label: request.label,
      so_pin_sealed: ctx.soPins.seal(soPin, serial),
      provisioned_at: provisionedAt,
      possession_tag_sha256: possession.sha256,
    });
    return { serial, label: request.label, provisionedAt };
  } catch (error) {
    throw asServerError(error);
  } finally {
    await module.release();
  }
}
