/**
 * Notices tokens being plugged in and pulled out. Polls: C_WaitForSlotEvent with
 * CKF_DONT_BLOCK tells cheaply whether anything changed where the module supports
 * it (SafeNet's does); otherwise each tick lists the slots. Blocking waits are
 * avoided on purpose: they hold the module's one queue.
 */
import { presentTokens, type Pkcs11Module, type SlotState } from './pkcs11-module.js';

export interface TokenPresence {
  /** Serials of the tokens present and answering. */
  serials: string[];
  slots: SlotState[];
}

export function watchTokens(
  module: Pkcs11Module,
  onChange: (presence: TokenPresence) => void,
  options: { intervalMs?: number; onError?: (error: unknown) => void } = {},
): () => void {
  const interval = options.intervalMs ?? 1000;
  let last: string | undefined;
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;

  const tick = async (): Promise<void> => {
    try {
      const events = last === undefined ? undefined : await module.slotEvents();
      if (events === undefined || events.length > 0) {
        const slots = await module.listSlots();
        const fingerprint = slots.map((s) => `${s.slotId}:${s.present}:${s.token?.serial ?? ''}:${s.error?.code ?? ''}`).join('|');
        if (fingerprint !== last) {
          last = fingerprint;
          onChange({ serials: presentTokens(slots).map((token) => token.serial), slots });
        }
      }
    } catch (error) {
      options.onError?.(error);
    } finally {
      if (!stopped) timer = setTimeout(() => void tick(), interval);
    }
  };
  void tick();
  return () => {
    stopped = true;
    if (timer) clearTimeout(timer);
  };
}
