/** The PKCS#11 core: the only part of TokenDesk that talks to a PKCS#11 library. */
export { openModule, presentTokens, answeringTokens, Pkcs11Module, type SlotState, type TokenSlot, type ModuleDescription } from './pkcs11-module.js';
export { TokenSession, type KeyPairRef, type CertificateObject, type KeyObject, type UserType } from './token-session.js';
export { TokenError, CKR, ckrName, codeForCkr, type TokenErrorCode } from './token-error.js';
export type { TokenInfo, PinState, PinRetries, TokenVersion } from './token-info.js';
export { locateModule, detectModules, knownModuleLocations, type LocatedModule } from './module-locator.js';
export { chooseModule, type ModuleChoice } from './module-choice.js';
export { keyIdForModulus } from './key-id.js';
export { watchTokens, type TokenPresence } from './presence.js';
export { ETCKH, TOKEN_OBJECT_ATTRIBUTES, PIN_POLICY_ATTRIBUTES, type SafeNetTokenFacts, type TokenPinPolicy } from './safenet-extension.js';
export { readPossessionTag, writePossessionTag, POSSESSION_TAG_NAME, POSSESSION_TAG_BYTES } from './possession-tag.js';
