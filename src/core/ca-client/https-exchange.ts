/**
 * One HTTPS request and its whole answer. Node's https module rather than fetch:
 * it takes a per-client CA list and pin check without a global dispatcher, and
 * lets a request go out on a fresh connection after a 401 (RFC 7030 §3.2.3).
 * Failures below HTTP become NetworkErrors with stable codes.
 */
import { Agent, request } from 'node:https';
import { NetworkError, networkCodeOf } from '../messages/errors.js';
import { tlsOptions, type CaTrust } from './ca-trust.js';

export interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

export interface ExchangeRequest {
  method: 'GET' | 'POST';
  url: URL;
  headers?: Record<string, string>;
  body?: Buffer;
  /** A fresh TCP/TLS connection instead of a pooled one. */
  freshConnection?: boolean;
}

export class HttpsExchange {
  private readonly agent: Agent;

  constructor(
    private readonly trust: CaTrust,
    /**
     * For the whole exchange, connection to the answer's last byte — not only for a
     * silent socket: a CA that sends a byte now and then would otherwise hold STEP4 for ever.
     */
    private readonly timeoutMs = 30_000,
    /** Answers larger than this are refused: a CA answer is a few kilobytes. */
    private readonly maxBodyBytes = 4 * 1024 * 1024,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: 4, ...tlsOptions(trust) });
  }

  /**
   * Sends once; when a pooled keep-alive connection turns out to be dead (the CA
   * closed it, or went away, while it sat idle), sends again on a fresh one. Safe
   * for every TokenDesk call: cacerts, pending and crl are reads, and simpleenroll,
   * verify-pin and stored are idempotent by the protocol's design.
   */
  async send(req: ExchangeRequest): Promise<HttpsAnswer> {
    try {
      return await this.sendOnce(req);
    } catch (error) {
      if (error instanceof StaleConnection) return this.sendOnce({ ...req, freshConnection: true });
      throw error;
    }
  }

  private sendOnce(req: ExchangeRequest): Promise<HttpsAnswer> {
    return new Promise((settledResolve, settledReject) => {
      // Whichever comes first — the answer, a failure, the time limit — settles, once.
      let settled = false;
      const settle = (then: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(deadline);
        then();
      };
      const resolve = (answer: HttpsAnswer) => settle(() => settledResolve(answer));
      const reject = (error: Error) => settle(() => settledReject(error));
      const timedOut = () => Object.assign(new Error(`no complete answer within ${this.timeoutMs} ms`), { code: 'ETIMEDOUT' });
      const deadline = setTimeout(() => {
        reject(asNetworkError(timedOut(), req.url));
        outgoing.destroy();
      }, this.timeoutMs);
      const headers: Record<string, string> = { ...req.headers };
      if (req.body) headers['Content-Length'] = String(req.body.length);
      const outgoing = request(
        req.url,
        {
          method: req.method,
          headers,
          timeout: this.timeoutMs,
          ...(req.freshConnection ? { agent: false, ...tlsOptions(this.trust) } : { agent: this.agent }),
        },
        (incoming) => {
          const chunks: Buffer[] = [];
          let size = 0;
          incoming.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > this.maxBodyBytes) {
              incoming.destroy(new NetworkError({ code: 'reset', message: `The CA's answer is larger than ${this.maxBodyBytes} bytes` }));
              return;
            }
            chunks.push(chunk);
          });
          incoming.on('end', () =>
            resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body: Buffer.concat(chunks) }),
          );
          incoming.on('error', (error) => reject(asNetworkError(error, req.url)));
        },
      );
      outgoing.on('timeout', () => outgoing.destroy(timedOut()));
      outgoing.on('error', (error) => {
        const code = (error as { code?: string }).code;
        if (outgoing.reusedSocket && (code === 'ECONNRESET' || code === 'EPIPE')) reject(new StaleConnection());
        else reject(asNetworkError(error, req.url));
      });
      outgoing.end(req.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** A pooled connection died before it carried this request's answer. */
class StaleConnection extends Error {}

function asNetworkError(error: unknown, url: URL): NetworkError {
  if (error instanceof NetworkError) return error;
  // A failure Node gives no known code for is reported as a broken connection.
  const code = networkCodeOf(error) ?? 'reset';
  const detail = error instanceof Error ? error.message : String(error);
  return new NetworkError({ code, message: `${url.origin}: ${detail}`, cause: error });
}
