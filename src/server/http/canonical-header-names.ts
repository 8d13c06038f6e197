/**
 * Header names on the wire in their canonical capitalisation (`Content-Type`,
 * `WWW-Authenticate`, `Retry-After`, …). HTTP says names are case-insensitive, but a
 * widely used C EST client matches them case-sensitively: it finds no content type in
 * Fastify's `content-type` and never answers a lower-case `www-authenticate`
 * challenge. Fastify keeps reply headers lower-cased and hands them to writeHead; the
 * server's ServerResponse class (ca-https-server.ts) renames them there, so every
 * answer — routes, error handler, 404s, rate limiting — goes out the same way.
 */
import { ServerResponse, type IncomingMessage, type OutgoingHttpHeader, type OutgoingHttpHeaders } from 'node:http';

/** Names whose canonical form is not plain Title-Case per hyphen-separated word. */
const SPECIAL: Readonly<Record<string, string>> = {
  'www-authenticate': 'WWW-Authenticate',
  'content-md5': 'Content-MD5',
  'x-ratelimit-limit': 'X-RateLimit-Limit',
  'x-ratelimit-remaining': 'X-RateLimit-Remaining',
  'x-ratelimit-reset': 'X-RateLimit-Reset',
  'x-tokendesk-error': 'X-TokenDesk-Error',
  etag: 'ETag',
  te: 'TE',
};

export function canonicalHeaderName(name: string): string {
  const lower = name.toLowerCase();
  return SPECIAL[lower] ?? lower.replace(/(^|-)([a-z])/g, (_m, dash: string, letter: string) => dash + letter.toUpperCase());
}

type HeaderArgument = OutgoingHttpHeaders | OutgoingHttpHeader[] | undefined;

function canonicalHeaders(headers: HeaderArgument): HeaderArgument {
  if (headers === undefined) return headers;
  if (Array.isArray(headers)) {
    // writeHead takes [name, value, name, value, …] or [[name, value], …].
    return headers.map((item, i) =>
      Array.isArray(item) ? [canonicalHeaderName(String(item[0])), ...item.slice(1)] : i % 2 === 0 ? canonicalHeaderName(String(item)) : item,
    ) as OutgoingHttpHeader[];
  }
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(headers)) out[canonicalHeaderName(name)] = value;
  return out;
}

/** Node's ServerResponse writing every header name canonically. */
export class CanonicalHeaderResponse<Request extends IncomingMessage = IncomingMessage> extends ServerResponse<Request> {
  override setHeader(name: string, value: number | string | readonly string[]): this {
    return super.setHeader(canonicalHeaderName(name), value);
  }

  override appendHeader(name: string, value: string | readonly string[]): this {
    return super.appendHeader(canonicalHeaderName(name), value);
  }

  override writeHead(statusCode: number, ...rest: [(string | undefined)?, (HeaderArgument | undefined)?] | [(HeaderArgument | undefined)?]): this {
    const args = [...rest];
    const last = args.length - 1;
    if (last >= 0 && typeof args[last] === 'object') args[last] = canonicalHeaders(args[last] as HeaderArgument);
    return (super.writeHead as (code: number, ...more: unknown[]) => this)(statusCode, ...args);
  }
}
