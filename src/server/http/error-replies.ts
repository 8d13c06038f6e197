/**
 * Turns any failure into an answer the client can act on: a ServerError as is, the
 * framework's own refusals (wrong content type, body too large, bad JSON, a URL it
 * cannot decode or that is too long, a request that is not HTTP or arrives too
 * slowly) as their catalogue entries, and anything unexpected as a plain 500 — the
 * details go to the server log (which never sees a PIN), never to the client. No
 * answer ever echoes the URL or the request.
 * EST paths answer text/plain (RFC 7030 §4.2.3); everything else the JSON error body.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ServerError, serverErrors } from '../server-error.js';
import { isDatabaseUnavailable } from '../store/database.js';
import { WWW_AUTHENTICATE } from './basic-auth.js';

const DATABASE_RETRY_AFTER_SECONDS = 5;

export function toServerError(error: unknown, bodyLimit: number): ServerError {
  if (error instanceof ServerError) return error;
  // Every write is one transaction: nothing is half-done, the client may simply retry.
  if (isDatabaseUnavailable(error)) return serverErrors.databaseUnavailable(DATABASE_RETRY_AFTER_SECONDS);
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
    case 'FST_ERR_BAD_URL':
      return serverErrors.badUrl();
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return serverErrors.urlTooLong();
    default:
      break;
  }
  if (e.statusCode === 400) return serverErrors.badRequest({ ja: '要求が正しくありません。', en: 'The request is malformed.' });
  if (e.statusCode === 413) return serverErrors.bodyTooLarge(bodyLimit);
  if (e.statusCode === 414) return serverErrors.urlTooLong();
  if (e.statusCode === 415) return serverErrors.unsupportedMediaType('application/pkcs10 / application/json');
  return serverErrors.internal();
}

export function isEstPath(url: string): boolean {
  return url.startsWith('/.well-known/est/');
}

export interface ErrorAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** Status, headers and body of a refusal: text/plain for EST, the JSON error body otherwise. */
export function errorAnswer(error: ServerError, est: boolean): ErrorAnswer {
  const headers: Record<string, string> = { ...error.headers, 'X-TokenDesk-Error': error.code };
  if (error.status === 401) headers['WWW-Authenticate'] = WWW_AUTHENTICATE;
  if (est) return { status: error.status, headers: { ...headers, 'Content-Type': 'text/plain; charset=utf-8' }, body: error.toText() };
  return { status: error.status, headers: { ...headers, 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(error.toBody()) };
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: ServerError): FastifyReply {
  const answer = errorAnswer(error, isEstPath(request.url));
  return reply.code(answer.status).headers(answer.headers).send(answer.body);
}

/**
 * Node's 'clientError': the bytes were not HTTP, the headers too large, or the request
 * too slow. There is no request to reply to, so the answer is written to the socket,
 * which then closes.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const refusal =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? serverErrors.requestTimeout()
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? serverErrors.headersTooLarge()
        : serverErrors.malformedRequest();
  const answer = errorAnswer(refusal, false);
  const body = Buffer.from(answer.body, 'utf8');
  const head = [
    `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status] ?? ''}`,
    ...Object.entries({ ...answer.headers, 'Content-Length': String(body.length), Connection: 'close' }).map(([name, value]) => `${name}: ${value}`),
  ].join('\r\n');
  // An answer already on its way (a keep-alive connection mid-response) cannot get a second one.
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (!socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  // end() flushes the answer first; the timer frees a socket whose peer never reads.
  const stop = setTimeout(() => socket.destroy(), 1_000).unref();
  socket.end(Buffer.concat([Buffer.from(`${head}\r\n\r\n`, 'latin1'), body]), () => {
    clearTimeout(stop);
    socket.destroy();
  });
}
