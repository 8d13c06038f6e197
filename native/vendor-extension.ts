/**
 * The eToken sim's vendor extension for exact PIN retries (native/README.md, "Vendor
 * extension"). The numbers are defined once for TypeScript, in the core that reads
 * them (the build keeps src/ self-contained), and match native/src/sim.h. Any
 * PKCS#11 client reads them without logging in: find the object with
 *   CKA_CLASS = CKO_HW_FEATURE (5) and CKA_HW_FEATURE_TYPE (0x300) = hwFeatureType,
 * then C_GetAttributeValue the attributes. Each value is a CK_ULONG in the module's
 * native layout (8 bytes little-endian on x86-64 Linux).
 */
export { ETOKEN_SIM_PIN_RETRIES } from '../src/core/pkcs11/vendor-pin-retries.js';
