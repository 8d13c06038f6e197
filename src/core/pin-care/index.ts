/** PIN care (docs/architecture.md, Flow F): change the user PIN, unlock a locked token through the CA, the token's password policy. */
export { changeUserPin, type ChangeUserPinRequest, type PinChanged } from './change-user-pin.js';
export { unlockToken, isUnlockCodeFormat, type UnlockRequest, type Unlocked } from './unlock-token.js';
export { SoPinFinalTryError, type SoFinalTryWords } from './so-login.js';
export { assertTokenAcceptsUserPin } from './token-policy.js';
