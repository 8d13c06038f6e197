/**
 * Exact PIN tries left, read through a vendor extension where the module offers
 * one. PKCS#11 itself only has the COUNT_LOW / FINAL_TRY / LOCKED flags; vendor
 * modules expose the count through vendor-defined objects. Where none is found the
 * answer is "unknown" (undefined) — never a guess.
 */
import { P, type Handle, type Pkcs11 } from './native-binding.js';
import { findFirst } from './find-objects.js';
import { ETOKEN_MAKERS } from './normalize.js';
import type { PinRetries } from './token-info.js';

/**
 * The native eToken sim's extension (native/README.md, "Vendor extension"): a
 * CKO_HW_FEATURE object of this type whose vendor attributes are CK_ULONG counts.
 * Other vendors' extensions belong in this list as they become known.
 */
export const ETOKEN_SIM_PIN_RETRIES = {
  /**
   * Whose tokens are asked (by CK_TOKEN_INFO manufacturerID; the sim speaks as SafeNet):
   * a vendor-defined type means something else, or nothing, at every other vendor.
   */
  makers: ETOKEN_MAKERS,
  /** CKH_VENDOR_DEFINED | 0x5300 */
  hwFeatureType: 0x80005300,
  attributes: {
    /** CKA_VENDOR_DEFINED | 0x5301..0x5304 */
    userLeft: 0x80005301,
    userMax: 0x80005302,
    soLeft: 0x80005303,
    soMax: 0x80005304,
  },
} as const;

const EXTENSIONS = [ETOKEN_SIM_PIN_RETRIES];

function ulong(value: Buffer | undefined): number | undefined {
  if (!value) return undefined;
  if (value.length === 8) return Number(value.readBigUInt64LE(0));
  if (value.length === 4) return value.readUInt32LE(0);
  return undefined;
}

/**
 * Read in the caller's session (a public one will do: the count needs no login and
 * reading it never spends a try), leaving no find operation active in it.
 */
export function readVendorPinRetries(lib: Pkcs11, session: Handle, manufacturer: string): PinRetries {
  for (const extension of EXTENSIONS) {
    if (!extension.makers.test(manufacturer)) continue;
    try {
      const object = findFirst(lib, session, [
        { type: P.CKA_CLASS, value: P.CKO_HW_FEATURE },
        { type: P.CKA_HW_FEATURE_TYPE, value: extension.hwFeatureType },
      ]);
      if (!object) continue;
      const { userLeft, userMax, soLeft, soMax } = extension.attributes;
      const values = lib.C_GetAttributeValue(session, object, [{ type: userLeft }, { type: userMax }, { type: soLeft }, { type: soMax }]);
      const read = (type: number) => ulong(values.find((attribute) => attribute.type === type)?.value as Buffer | undefined);
      return { userLeft: read(userLeft), userMax: read(userMax), soLeft: read(soLeft), soMax: read(soMax) };
    } catch {
      // The module does not offer this extension (or the token went away): try the next, else "unknown".
    }
  }
  return {};
}
