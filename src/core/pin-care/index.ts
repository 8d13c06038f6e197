/** PIN care (docs/architecture.md, Flow F): change the user PIN, unlock a locked token through the CA, the token's password policy. */
export { changeUserPin, type ChangeUserPinRequest, type PinChanged } from './change-user-pin.js';
export { unlockToken, isUnlockCodeFormat, SoPinFinalTryError, type UnlockRequest, type Unlocked } from './unlock-token.js';
export { assertTokenAcceptsUserPin } from './token-policy.js';
