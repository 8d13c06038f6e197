/**
 * Storage PINs (電子証明書格納用PIN, CA manual §7.4 ①⑥): 10 random digits, stored only
 * as an scrypt hash that carries its own parameters (`scrypt$N$r$p$salt$hash`), so the
 * cost can be tuned without invalidating PINs already mailed. Checks run scrypt on
 * libuv's thread pool (async) and compare in constant time.
 */
import { randomBytes, randomInt, scrypt, timingSafeEqual } from 'node:crypto';
import type { ScryptParams } from './config.js';

const HASH_BYTES = 32;

export function generateStoragePin(): string {
  let pin = '';
  for (let i = 0; i < 10; i++) pin += String(randomInt(10));
  return pin;
}

export function isStoragePinFormat(pin: string): boolean {
  return /^[0-9]{10}$/.test(pin);
}

function scryptAsync(pin: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolvePromise, reject) => {
    scrypt(pin, salt, HASH_BYTES, { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 }, (error, key) =>
      error ? reject(error) : resolvePromise(key),
    );
  });
}

export async function hashStoragePin(pin: string, params: ScryptParams): Promise<string> {
  const salt = randomBytes(16);
  const hash = await scryptAsync(pin, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

export async function verifyStoragePin(pin: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, hash] = stored.split('$');
  if (kind !== 'scrypt' || !n || !r || !p || salt === undefined || hash === undefined) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await scryptAsync(pin, Buffer.from(salt, 'base64url'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
