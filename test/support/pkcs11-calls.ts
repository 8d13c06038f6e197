/**
 * Watches every PKCS#11 call pkcs11js makes while `work` runs, for tests and benches
 * that count (or time) what the core asks a token. pkcs11js sets its C_* functions on
 * each instance in its constructor, so they are wrapped as instances are made; the
 * class is restored afterwards.
 */
import pkcs11js from 'pkcs11js';

/** Called around each call: `call()` makes the real one and returns its result (maybe a Promise). */
export type Pkcs11CallHook = (name: string, call: () => unknown) => unknown;

export async function watchPkcs11Calls<T>(hook: Pkcs11CallHook, work: () => Promise<T>): Promise<T> {
  const exports = pkcs11js as unknown as { PKCS11: typeof pkcs11js.PKCS11 };
  const Original = exports.PKCS11;
  exports.PKCS11 = class extends Original {
    constructor() {
      super();
      const self = this as unknown as Record<string, unknown>;
      for (const name of Object.getOwnPropertyNames(self)) {
        const original = self[name];
        if (!name.startsWith('C_') || typeof original !== 'function') continue;
        self[name] = (...args: unknown[]) => hook(name, () => (original as (...a: unknown[]) => unknown).apply(this, args));
      }
    }
  };
  try {
    return await work();
  } finally {
    exports.PKCS11 = Original;
  }
}
