/**
 * Turns any failure into an answer the client can act on: a ServerError as is, the
 * framework's own refusals (wrong content type, body too large, bad JSON, rate limit)
 * as their catalogue entries, and anything unexpected as a plain 500 — the details go
 * to the server log (which never sees a PIN), never to the client.
 * EST paths answer text/plain (RFC 7030 §4.2.3); /api/v1 answers the JSON error body.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ServerError, serverErrors } from '../server-error.js';
import { WWW_AUTHENTICATE } from './basic-auth.js';

export function toServerError(error: unknown, bodyLimit: number): ServerError {
  if (error instanceof ServerError) return error;
  const e = error as Partial<FastifyError> & { statusCode?: number };
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return serverErrors.unsupportedMediaType('application/pkcs10 / application/json');
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return serverErrors.bodyTooLarge(bodyLimit);
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return serverErrors.badRequest({ ja: '要求の本文が読めません。', en: 'The request body cannot be read.' });
    default:
      break;
  }
  if (e.statusCode === 400) return serverErrors.badRequest({ ja: '要求が正しくありません。', en: 'The request is malformed.' });
  if (e.statusCode === 413) return serverErrors.bodyTooLarge(bodyLimit);
  if (e.statusCode === 415) return serverErrors.unsupportedMediaType('application/pkcs10 / application/json');
  return serverErrors.internal();
}

export function isEstPath(url: string): boolean {
  return url.startsWith('/.well-known/est/');
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: ServerError): FastifyReply {
  reply.code(error.status).headers(error.headers);
  if (error.status === 401) reply.header('WWW-Authenticate', WWW_AUTHENTICATE);
  if (isEstPath(request.url)) return reply.type('text/plain; charset=utf-8').header('X-TokenDesk-Error', error.code).send(error.toText());
  return reply.type('application/json; charset=utf-8').send(error.toBody());
}
