/**
 * How the CA key signs a certificate: off the event loop, always. By default node:crypto's
 * asynchronous `sign` on libuv's pool (this file); the CA's own signing threads
 * (signing-thread.ts) when `signingThreads` asks for them, which fall back to this one
 * should a thread fail.
 */
import { sign, type KeyObject } from 'node:crypto';

/** Signs `data` with the CA's key, off the event loop ('sha256': the digest). */
export type CaSigner = (algorithm: string, data: Buffer) => Promise<Buffer>;

/** node:crypto's own asynchronous signature, on libuv's pool. */
export function signOnPool(key: KeyObject): CaSigner {
  return (algorithm, data) => new Promise((resolveSign, reject) => sign(algorithm, data, key, (error, signature) => (error ? reject(error) : resolveSign(signature))));
}
