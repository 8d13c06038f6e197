/**
 * CSRF protection without server memory (so it survives a restart and works across
 * servers): a random value in a `__Host-` cookie (HttpOnly, Secure, SameSite=Strict,
 * set only by this origin) and, in every form, a token = expiry + HMAC(cookie value,
 * expiry) under a key derived from the CA's master key, which every server shares.
 * Another site can make a browser send the cookie, but cannot read it or forge the
 * token; an old form stops working after `formTokenMinutes`.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { portalErrors } from '../portal-errors.js';
import { readCookie } from './cookies.js';

export const FORM_COOKIE = '__Host-td-form';
export const FORM_FIELD = '_form';
export const FORM_HEADER = 'x-tokendesk-form';

export class FormGuard {
  constructor(
    private readonly key: Buffer,
    private readonly lifetimeMs: number,
  ) {}

  /** The token for this browser's forms; sets the cookie the first time. */
  tokenFor(request: FastifyRequest, reply: FastifyReply, now = Date.now()): string {
    let secret = readCookie(request, FORM_COOKIE);
    if (!secret || !/^[A-Za-z0-9_-]{22}$/.test(secret)) {
      secret = randomBytes(16).toString('base64url');
      void reply.header('Set-Cookie', `${FORM_COOKIE}=${secret}; Path=/; Secure; HttpOnly; SameSite=Strict`);
    }
    const expires = String(now + this.lifetimeMs);
    return `${expires}.${this.mac(secret, expires)}`;
  }

  /** Throws formExpired unless the request carries this browser's valid, unexpired token. */
  check(request: FastifyRequest, token: unknown, now = Date.now()): void {
    const secret = readCookie(request, FORM_COOKIE);
    if (!secret || typeof token !== 'string' || token.length > 200) throw portalErrors.formExpired();
    const [expires, mac] = token.split('.');
    if (!expires || !mac || !/^\d{1,16}$/.test(expires) || Number(expires) < now) throw portalErrors.formExpired();
    const expected = Buffer.from(this.mac(secret, expires));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw portalErrors.formExpired();
  }

  private mac(secret: string, expires: string): string {
    return createHmac('sha256', this.key).update(`form|${secret}|${expires}`).digest('base64url');
  }

  /** A value signed for the portal (the renewal ticket), checked with `verifySigned`. */
  sign(text: string): string {
    return `${text}.${createHmac('sha256', this.key).update(`signed|${text}`).digest('base64url')}`;
  }

  verifySigned(value: string): string | undefined {
    const dot = value.lastIndexOf('.');
    if (dot < 0) return undefined;
    const text = value.slice(0, dot);
    const expected = Buffer.from(this.sign(text));
    const given = Buffer.from(value);
    return expected.length === given.length && timingSafeEqual(expected, given) ? text : undefined;
  }
}
