/** The portal speaks Japanese by default; `?lang=en` (remembered in a cookie) switches to English. */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Localized } from '../../../core/messages/message-entry.js';
import { readCookie } from './cookies.js';

export type Lang = 'ja' | 'en';

const COOKIE = 'td-lang';

export function languageOf(request: FastifyRequest, reply: FastifyReply): Lang {
  const asked = (request.query as Record<string, unknown> | undefined)?.lang;
  if (asked === 'ja' || asked === 'en') {
    void reply.header('Set-Cookie', `${COOKIE}=${asked}; Path=/portal; Secure; SameSite=Lax; Max-Age=31536000`);
    return asked;
  }
  return readCookie(request, COOKIE) === 'en' ? 'en' : 'ja';
}

export function say(lang: Lang, words: Localized): string {
  return words[lang];
}
