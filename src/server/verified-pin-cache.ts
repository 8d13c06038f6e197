/**
 * Remembers, for a few minutes, that a storage PIN passed its scrypt check, so the
 * next requests of the same Flow A (verify-pin → simpleenroll → stored) with the same
 * PIN cost an HMAC compare instead of another scrypt. scrypt stays the bound on guessing:
 * only a PIN that already verified is remembered, and any wrong attempt, lock, new PIN or
 * spent PIN forgets the application.
 *
 * Entry: application number → HMAC-SHA256(random per-process key, stored hash ‖ PIN).
 * The stored hash is in the MAC, so a PIN replaced by another process (the operator
 * CLI's `new-pin`, another server) never matches a stale entry. Kept in memory only,
 * never persisted or logged; bounded in count and age.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface VerifiedPinCacheOptions {
  ttlMs?: number;
  maxEntries?: number;
  now?: () => number;
}

interface Entry {
  mac: Buffer;
  expiresAt: number;
}

export class VerifiedPinCache {
  private readonly key = randomBytes(32);
  private readonly entries = new Map<string, Entry>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(options: VerifiedPinCacheOptions = {}) {
    this.ttlMs = options.ttlMs ?? 10 * 60_000;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.now = options.now ?? Date.now;
  }

  private mac(pinHash: string, pin: string): Buffer {
    return createHmac('sha256', this.key).update(pinHash).update('\0').update(pin).digest();
  }

  /** True only when this PIN verified against this very stored hash within the TTL. */
  matches(applicationNo: string, pinHash: string, pin: string): boolean {
    const entry = this.entries.get(applicationNo);
    if (!entry) return false;
    if (entry.expiresAt <= this.now()) {
      this.entries.delete(applicationNo);
      return false;
    }
    return timingSafeEqual(entry.mac, this.mac(pinHash, pin));
  }

  /** After a successful scrypt check. */
  remember(applicationNo: string, pinHash: string, pin: string): void {
    this.entries.delete(applicationNo);
    if (this.entries.size >= this.maxEntries) {
      // Oldest first (Map keeps insertion order; remember re-inserts).
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(applicationNo, { mac: this.mac(pinHash, pin), expiresAt: this.now() + this.ttlMs });
  }

  /** On a wrong attempt, a lock, a new PIN, or the PIN spent at `stored`. */
  forget(applicationNo: string): void {
    this.entries.delete(applicationNo);
  }

  get size(): number {
    return this.entries.size;
  }
}
