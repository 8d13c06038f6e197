/**
 * The CA as TokenDesk talks to it: EST (RFC 7030) for certificates, and the
 * TokenDesk JSON extensions where the CA offers them. Strict in what it sends
 * (base64 in 64-column lines, exact content types and lengths), liberal in what
 * it accepts (PKCS#7 with or without the chain, CRLF or LF, 202 + Retry-After).
 */
import { printable } from '../printable.js';
import { csrToEstBody, parsePkcs7CertsOnly } from '../x509/index.js';
import { CaError, InputError } from '../messages/errors.js';
import { Secret } from '../secrets/secret.js';
import { caErrorFrom, retryAfterSeconds } from './ca-answer.js';
import type { CaTrust } from './ca-trust.js';
import { readClock, type ClockReading } from './clock-skew.js';
import { HttpsExchange, type ExchangeRequest, type HttpsAnswer } from './https-exchange.js';
import type { PendingIssuance } from './pending-issuance.js';

/** Who a token's pending issuance is for, as the CA knows it (STEP2). */
export interface PinCheck {
  attemptsLeft?: number;
  /** The token's admin (SO) PIN, released only for a CA-managed token. */
  soPin?: Secret;
  /** Whose application the number and PIN opened, when the CA says (the reference CA does). */
  issuance?: PendingIssuance;
}

export type Enrollment =
  | { status: 'issued'; certificate: Buffer; chain: Buffer[] }
  | { status: 'pending'; retryAfterSeconds: number };

export interface CaClientOptions {
  /** The CA's base URL, e.g. https://ca.example.jp:8443 */
  url: string;
  trust?: CaTrust;
  timeoutMs?: number;
  /** The PC clock, injectable for tests. */
  now?: () => Date;
}

export class CaClient {
  readonly base: URL;
  private readonly exchange: HttpsExchange;
  private readonly now: () => Date;
  /** The last reading of the CA's clock against the PC's (from any answer's Date header). */
  lastClock: ClockReading | undefined;

  constructor(options: CaClientOptions) {
    this.base = caBaseUrl(options.url);
    this.exchange = new HttpsExchange(options.trust ?? {}, options.timeoutMs);
    this.now = options.now ?? (() => new Date());
  }

  /** GET /.well-known/est/cacerts: the CA certificates (RFC 7030 §4.1). */
  async caCertificates(): Promise<Buffer[]> {
    const answer = await this.send({ method: 'GET', url: this.at('.well-known/est/cacerts') });
    if (answer.status !== 200) throw caErrorFrom(answer, 'cacerts');
    return parsePkcs7CertsOnly(answer.body);
  }

  /**
   * POST /.well-known/est/simpleenroll (RFC 7030 §4.2). HTTP Basic: user = the
   * application number (or the EST user name), password = the storage PIN.
   */
  async simpleEnroll(csrDer: Buffer, user: string, password: Secret): Promise<Enrollment> {
    // Basic credentials go with the first request, so a 401 is a refusal of these very
    // credentials, never RFC 7030 §3.2.3's invitation to send some: asking again with
    // them would only cost the user a second failure at the CA (a lock counts each).
    const answer = await this.send({
      method: 'POST',
      url: this.at('.well-known/est/simpleenroll'),
      headers: {
        'Content-Type': 'application/pkcs10',
        'Content-Transfer-Encoding': 'base64',
        Accept: 'application/pkcs7-mime',
        Authorization: basic(user, password),
      },
      body: Buffer.from(csrToEstBody(csrDer), 'ascii'),
    });
    if (answer.status === 200) {
      const certificates = parsePkcs7CertsOnly(answer.body);
      const [certificate, ...chain] = certificates;
      if (!certificate) throw new CaError({ code: 'unexpectedAnswer', message: 'simpleenroll answered with no certificate', status: 200 });
      return { status: 'issued', certificate, chain };
    }
    if (answer.status === 202) return { status: 'pending', retryAfterSeconds: retryAfterSeconds(answer) ?? 60 };
    throw caErrorFrom(answer, 'simpleenroll', { applicationNo: user });
  }

  /**
   * GET /api/v1/tokens/{serial}/pending: whose issuance this token carries (STEP2),
   * answered only to the holder: `possessionTag` is the tag read from the token.
   */
  async pendingIssuance(tokenSerial: string, possessionTag: Buffer): Promise<PendingIssuance> {
    const answer = await this.send({
      method: 'GET',
      url: this.at(`api/v1/tokens/${encodeURIComponent(tokenSerial)}/pending`),
      headers: { Accept: 'application/json', 'TokenDesk-Possession': possessionTag.toString('base64') },
    });
    if (answer.status !== 200) throw caErrorFrom(answer, 'pending issuance', { tokenSerial });
    // STEP2 shows this, STEP3 checks the storage PIN of its application and the key is
    // labelled with it: an answer without them (null, {}, a list) is no issuance at all,
    // not one named "undefined" whose storage PIN nobody checks.
    const body = json<unknown>(answer, 'pending issuance');
    if (!isIssuance(body)) throw new CaError({ code: 'unexpectedAnswer', message: 'pending issuance: the answer is not a pending issuance', status: answer.status });
    return body;
  }

  /**
   * POST /api/v1/applications/{no}/verify-pin: checks the storage PIN without spending it (STEP3).
   * `confirmFinalTry`: the user chose to use the last try before the lock
   * (`TokenDesk-Final-Try: confirmed`); without it the CA refuses that try unchecked
   * (storagePinFinalTry).
   */
  async verifyStoragePin(applicationNo: string, storagePin: Secret, options: { confirmFinalTry?: boolean } = {}): Promise<PinCheck> {
    const answer = await this.send({
      method: 'POST',
      url: this.at(`api/v1/applications/${encodeURIComponent(applicationNo)}/verify-pin`),
      headers: {
        Accept: 'application/json',
        Authorization: basic(applicationNo, storagePin),
        ...(options.confirmFinalTry ? { 'TokenDesk-Final-Try': 'confirmed' } : {}),
      },
    });
    if (answer.status !== 200) throw caErrorFrom(answer, 'storage PIN check', { applicationNo });
    const body = json<{ attemptsLeft?: number; soPin?: string; issuance?: PendingIssuance }>(answer, 'storage PIN check');
    return {
      ...(typeof body.attemptsLeft === 'number' ? { attemptsLeft: body.attemptsLeft } : {}),
      ...(typeof body.soPin === 'string' ? { soPin: new Secret(body.soPin) } : {}),
      ...(isIssuance(body.issuance) ? { issuance: body.issuance } : {}),
    };
  }

  /** POST /api/v1/applications/{no}/stored: the certificate is on the token; spends the storage PIN. */
  async reportStored(applicationNo: string, storagePin: Secret, certificateSerialHex: string): Promise<void> {
    const answer = await this.send({
      method: 'POST',
      url: this.at(`api/v1/applications/${encodeURIComponent(applicationNo)}/stored`),
      headers: {
        Accept: 'application/json',
        'Content-Type': 'application/json',
        Authorization: basic(applicationNo, storagePin),
      },
      body: Buffer.from(JSON.stringify({ certificateSerial: certificateSerialHex })),
    });
    if (answer.status !== 200) throw caErrorFrom(answer, 'stored report', { applicationNo });
  }

  /**
   * POST /api/v1/tokens/{serial}/unlock (HTTP Basic: serial, unlock code): the CA checks
   * the one-time unlock code and releases the token's SO PIN (docs/architecture.md, Flow F).
   */
  async releaseSoPinForUnlock(tokenSerial: string, unlockCode: Secret): Promise<Secret> {
    const answer = await this.send({
      method: 'POST',
      url: this.at(`api/v1/tokens/${encodeURIComponent(tokenSerial)}/unlock`),
      headers: { Accept: 'application/json', Authorization: basic(tokenSerial, unlockCode) },
    });
    if (answer.status !== 200) throw caErrorFrom(answer, 'unlock', { tokenSerial });
    const body = json<{ soPin?: unknown }>(answer, 'unlock');
    if (typeof body.soPin !== 'string' || body.soPin.length === 0) throw new CaError({ code: 'unexpectedAnswer', message: 'unlock: the CA sent no SO PIN', status: answer.status });
    return new Secret(body.soPin);
  }

  /** POST /api/v1/tokens/{serial}/unlocked: the new user PIN is set; the CA uses the code up. */
  async reportUnlocked(tokenSerial: string, unlockCode: Secret): Promise<void> {
    const answer = await this.send({
      method: 'POST',
      url: this.at(`api/v1/tokens/${encodeURIComponent(tokenSerial)}/unlocked`),
      headers: { Accept: 'application/json', Authorization: basic(tokenSerial, unlockCode) },
    });
    if (answer.status !== 200) throw caErrorFrom(answer, 'unlocked report', { tokenSerial });
  }

  /** GET /crl: the CA's current CRL (DER). */
  async crl(): Promise<Buffer> {
    const answer = await this.send({ method: 'GET', url: this.at('crl') });
    if (answer.status !== 200) throw caErrorFrom(answer, 'CRL');
    return answer.body;
  }

  close(): void {
    this.exchange.close();
  }

  private at(path: string): URL {
    return new URL(path, this.base);
  }

  private async send(request: ExchangeRequest): Promise<HttpsAnswer> {
    const answer = await this.exchange.send(request);
    const date = answer.headers.date;
    this.lastClock = readClock(Array.isArray(date) ? date[0] : date, this.now()) ?? this.lastClock;
    return answer;
  }
}

function basic(user: string, password: Secret): string {
  return `Basic ${Buffer.from(`${user}:${password.reveal()}`, 'utf8').toString('base64')}`;
}

const ISSUANCE_KINDS: ReadonlySet<unknown> = new Set(['new', 'renewal', 'reissue']);

/** A pending issuance as docs/ca-protocol.md gives it: what STEP2 shows and STEP3/STEP4 use must be there. */
function isIssuance(value: unknown): value is PendingIssuance {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const v = value as Partial<Record<keyof PendingIssuance, unknown>>;
  return (
    typeof v.applicationNo === 'string' && v.applicationNo !== '' &&
    typeof v.userId === 'string' &&
    typeof v.name === 'string' &&
    ISSUANCE_KINDS.has(v.kind) &&
    (v.tokenSerial === undefined || v.tokenSerial === null || typeof v.tokenSerial === 'string')
  );
}

function json<T>(answer: HttpsAnswer, what: string): T {
  try {
    return JSON.parse(answer.body.toString('utf8')) as T;
  } catch {
    throw new CaError({ code: 'unexpectedAnswer', message: `${what}: the CA's answer is not JSON`, status: answer.status });
  }
}

/**
 * The CA's base URL, https only: a URL the user typed (settings, --ca) that cannot be
 * used is the user's to correct — TD-CA-URL-INVALID, not an answer of the CA's.
 */
function caBaseUrl(typed: string): URL {
  const refused = (why: string) => new InputError({ code: 'TD-CA-URL-INVALID', message: `CA URL refused: ${why}`, params: { url: shown(typed) } });
  let url: URL;
  try {
    url = new URL(typed.endsWith('/') ? typed : `${typed}/`);
  } catch {
    throw refused('not a URL');
  }
  if (url.protocol !== 'https:') throw refused(`${url.protocol} instead of https:`);
  return url;
}

/** The typed URL as a message may show it: printable, and not a page of it. */
function shown(typed: string): string {
  return typed.length > 100 ? `${printable(typed)}…` : printable(typed);
}
