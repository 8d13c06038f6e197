export { LOGIN_CHALLENGE_KEYS, LOGIN_CHALLENGE_TYPE, NONCE_PATTERN, parseLoginChallenge, serializeLoginChallenge, type LoginChallenge } from './login-challenge.js';
