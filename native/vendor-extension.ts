/**
 * The eToken sim's vendor extension for exact PIN retries (native/README.md, "Vendor
 * extension"); the numbers match native/src/sim.h. Any PKCS#11 client reads them
 * without logging in: find the object with
 *   CKA_CLASS = CKO_HW_FEATURE and CKA_HW_FEATURE_TYPE = hwFeatureType,
 * then C_GetAttributeValue the attributes below. Each value is a CK_ULONG in the
 * module's native layout (8 bytes little-endian on x86-64 Linux).
 */
export const CKO_HW_FEATURE = 0x5;
export const CKA_HW_FEATURE_TYPE = 0x300;

export const ETOKENSIM_PIN_RETRIES = {
  /** CKH_VENDOR_DEFINED | 0x5300 */
  hwFeatureType: 0x80005300,
  attributes: {
    /** CKA_VENDOR_DEFINED | 0x5301: wrong user PINs the token still accepts before it locks. */
    userLeft: 0x80005301,
    /** CKA_VENDOR_DEFINED | 0x5302: the user PIN's retry maximum. */
    userMax: 0x80005302,
    /** CKA_VENDOR_DEFINED | 0x5303: same for the SO (administrator) PIN. */
    soLeft: 0x80005303,
    /** CKA_VENDOR_DEFINED | 0x5304 */
    soMax: 0x80005304,
  },
} as const;
