/**
 * One reader, two cards (Nagasaki card-update manual): after the card in use is read, wait until it is
 * taken out and another card is in. Polls the slot list (no blocking waits: they hold
 * the module's queue); gives up after `timeoutMs` with the catalogue's words.
 */
import { InputError } from '../messages/index.js';
import type { Pkcs11Module } from '../pkcs11/index.js';

export async function waitForCardSwap(module: Pkcs11Module, oldSerial: string, options: { timeoutMs?: number; intervalMs?: number } = {}): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 5 * 60_000;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const serials = (await module.listTokens().catch(() => [])).map((token) => token.serial);
    const other = serials.find((serial) => serial !== oldSerial);
    // Only the new card present: the old one is out and the swap is done.
    if (other && !serials.includes(oldSerial)) return other;
    if (Date.now() > deadline) throw new InputError({ code: 'TD-CARD-SWAP-TIMEOUT', message: 'no card swap seen', params: { minutes: Math.round(timeoutMs / 60_000) } });
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 300));
  }
}
