/** PIN input rules: pure checks that answer catalogue codes, before any PIN is sent or spent. */
export { validateStoragePin, STORAGE_PIN_LENGTH } from './storage-pin.js';
export { validateUserPin, USER_PIN_MIN, USER_PIN_MAX, type UserPinOptions } from './user-pin.js';
export { validateCardPin, CARD_PIN_DEFAULTS, type CardPinOptions } from './card-pin.js';
export { toHalfWidth } from './characters.js';
export { PIN_NAMES, type PinCheck } from './pin-check.js';
export { checkTokenPinPolicy, type UserPinPolicy } from './token-pin-policy.js';
export { checkTypedUserPin } from './typed-pin.js';
export { pinInputProblem, type PinKind } from './input-problem.js';
