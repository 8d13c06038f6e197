/**
 * TokenDesk portal SDK: what a CA's web page uses to read the user's token through
 * TokenDesk (the device module), with the user's consent. One ES module, no
 * dependencies: `npm run build:sdk` makes dist/sdk/tokendesk-portal.js (+ .d.ts)
 * for the CA to serve from its own origin.
 *
 *   import { connect } from '/js/tokendesk-portal.js';
 *   const portal = await connect();                       // module not running → row 2
 *   await portal.requestAccess({ onPairingCode: show });  // the user allows in TokenDesk
 *   const device = await portal.readDevice({ onPairingCode: show }); // PIN typed in TokenDesk
 *
 * Every failure is a TokenDeskError with a stable `code`, the CA manual's row
 * (CA manual §12.1) where it has one, and the words in Japanese and English.
 * The page never handles a PIN: TokenDesk asks for it in its own window.
 */
import { CA_MANUAL_ENTRIES } from '../../core/messages/entries/ca-manual.js';
import { DEFAULT_PORTAL_PORT, PORTAL_PROTOCOL } from '../portal-constants.js';

export const PROTOCOL = PORTAL_PROTOCOL;
export const DEFAULT_PORT = DEFAULT_PORTAL_PORT;

export type TokenDeskErrorCode =
  | 'module-not-running'
  | 'no-token'
  | 'several-tokens'
  | 'token-damaged'
  | 'token-locked'
  | 'no-certificate'
  | 'wrong-pin'
  | 'serial-mismatch'
  | 'not-allowed'
  | 'denied'
  | 'wait'
  | 'busy'
  | 'cancelled'
  | 'bad-challenge'
  | 'protocol'
  | 'failed';

export interface Words {
  ja: string;
  en: string;
}

/** The catalogue codes TokenDesk answers, by the SDK code and manual row (CA manual §12.1) a page branches on. */
const BY_CATALOGUE: Readonly<Record<string, { code: TokenDeskErrorCode; row?: number }>> = {
  'TD-NO-MIDDLEWARE': { code: 'module-not-running', row: 2 },
  'TD-MIDDLEWARE-LOAD-FAILED': { code: 'module-not-running', row: 2 },
  'TD-PORTAL-NOT-RUNNING': { code: 'module-not-running', row: 2 },
  'TD-TOKEN-ABSENT': { code: 'no-token', row: 3 },
  'TD-TOKEN-NOT-FOUND': { code: 'no-token', row: 3 },
  'TD-TOKEN-REMOVED': { code: 'no-token', row: 3 },
  'TD-TOKEN-SEVERAL': { code: 'several-tokens', row: 4 },
  'TD-TOKEN-DAMAGED': { code: 'token-damaged', row: 5 },
  'TD-DEVICE-ERROR': { code: 'token-damaged', row: 5 },
  'TD-TOKEN-NOT-RECOGNIZED': { code: 'token-damaged', row: 5 },
  'TD-TOKEN-LOCKED': { code: 'token-locked', row: 6 },
  'TD-CERT-NOT-STORED': { code: 'no-certificate', row: 7 },
  'TD-USER-AUTH': { code: 'wrong-pin', row: 8 },
  'TD-PIN-INCORRECT': { code: 'wrong-pin', row: 8 },
  'TD-SERIAL-MISMATCH': { code: 'serial-mismatch', row: 10 },
  'TD-PORTAL-NOT-ALLOWED': { code: 'not-allowed' },
  'TD-PORTAL-DENIED': { code: 'denied' },
  'TD-PORTAL-WAIT': { code: 'wait' },
  'TD-PORTAL-PROMPT-PENDING': { code: 'busy' },
  'TD-PORTAL-BUSY': { code: 'busy' },
  'TD-PORTAL-CANCELLED': { code: 'cancelled' },
  'TD-PORTAL-BAD-CHALLENGE': { code: 'bad-challenge' },
  'TD-PORTAL-BAD-MESSAGE': { code: 'protocol' },
};

/** Row 2's words, for when TokenDesk cannot be reached at all (it cannot send them itself). */
const NOT_RUNNING = CA_MANUAL_ENTRIES.find((entry) => entry.code === 'TD-NO-MIDDLEWARE')!;

export class TokenDeskError extends Error {
  override readonly name = 'TokenDeskError';
  constructor(
    readonly code: TokenDeskErrorCode,
    /** The message, in the CA manual's words where it has them. */
    readonly text: Words,
    /** Why, where TokenDesk said (内容). */
    readonly reason: Words | undefined,
    readonly remedy: Words | undefined,
    /** TokenDesk's catalogue code (for the helpdesk). */
    readonly catalogueCode: string,
    /** The row of the CA manual's error table (CA manual §12.1), where the failure is one of them. */
    readonly manualRow: number | undefined,
  ) {
    super(text.en);
  }
}

interface CatalogueMessage {
  code: string;
  text: Words;
  cause?: Words;
  remedy?: Words;
}

function fromCatalogue(message: CatalogueMessage): TokenDeskError {
  const mapped = BY_CATALOGUE[message.code] ?? { code: 'failed' as const };
  return new TokenDeskError(mapped.code, message.text, message.cause, message.remedy, message.code, mapped.row);
}

function notRunning(): TokenDeskError {
  return new TokenDeskError('module-not-running', NOT_RUNNING.text, NOT_RUNNING.cause, NOT_RUNNING.remedy, NOT_RUNNING.code, 2);
}

export interface Hello {
  product: string;
  version: string;
  protocol: string;
  origin: string;
  /** Whether the user already allowed this page's origin. */
  allowed: boolean;
}

export interface Token {
  serial: string;
  maker: string;
  model: string;
  pinState: 'ok' | 'countLow' | 'finalTry' | 'locked' | 'notInitialized';
}

/** What readDevice answers: the device information of the CA manual's screens (§8.1 ⑥, §11) and the public certificate. */
export interface Device {
  tokenSerial: string;
  tokenMaker: string;
  tokenModel: string;
  ownerName?: string;
  company?: string;
  userId?: string;
  email?: string;
  /** YYYY/MM/DD (JST), as the CA's pages show them. */
  validFrom: string;
  validTo: string;
  certificateSerial: string;
  issuerDn: string;
  status: string;
  statusText: Words;
  health: string;
  healthText: Words;
  certificatePem: string;
}

export interface Signature {
  /** Exactly the bytes signed (UTF-8 JSON: type, origin, nonce, time, tokenSerial); the CA checks each field. */
  signedData: string;
  /** RSASSA-PKCS1-v1_5 with SHA-256, base64. */
  signature: string;
  algorithm: 'RS256';
  certificatePem: string;
}

export interface PromptOptions {
  /** Called with the code TokenDesk shows in its prompt: show it on the page so the user can compare. */
  onPairingCode?: (pairingCode: string) => void;
}

export interface ConnectOptions {
  /** Default 47211 (TokenDesk's default); a CA may document another if its users configure one. */
  port?: number;
  /** The full ws:// URL instead of the port. */
  url?: string;
  /** How long to wait for TokenDesk to answer. Default 5 s. */
  timeoutMs?: number;
}

type Events = {
  presence: { tokens: Token[] };
  access: { allowed: boolean };
  close: { code: number };
};

export class TokenDeskPortal {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: TokenDeskError) => void; onPairingCode?: (code: string) => void }>();
  private readonly listeners: { [K in keyof Events]: Set<(data: Events[K]) => void> } = { presence: new Set(), access: new Set(), close: new Set() };
  hello!: Hello;

  constructor(private readonly socket: WebSocket) {
    socket.addEventListener('message', (event: MessageEvent) => this.receive(String(event.data)));
    socket.addEventListener('close', (event: CloseEvent) => {
      for (const waiting of this.pending.values()) waiting.reject(notRunning());
      this.pending.clear();
      for (const listener of this.listeners.close) listener({ code: event.code });
    });
  }

  /** Asks the user, in TokenDesk, to allow this page's origin. Resolves once allowed; rejects 'denied', 'wait', 'cancelled'. */
  requestAccess(options: PromptOptions = {}): Promise<{ granted: true; kind?: 'once' | 'always' }> {
    return this.call('requestAccess', {}, options.onPairingCode);
  }

  /** The tokens plugged in (no PIN needed). */
  async listTokens(): Promise<Token[]> {
    return (await this.call<{ tokens: Token[] }>('listTokens', {})).tokens;
  }

  /** The device information and the certificate; TokenDesk asks the user PIN in its own window. `expectedSerial`: what the user typed (row 10 if it differs). */
  readDevice(options: PromptOptions & { expectedSerial?: string } = {}): Promise<Device> {
    return this.call('readDevice', options.expectedSerial === undefined ? {} : { expectedSerial: options.expectedSerial }, options.onPairingCode);
  }

  /** A login signature over {origin, nonce, time}; `nonce` comes from the CA server. TokenDesk asks the PIN in its own window. */
  signChallenge(nonce: string, options: PromptOptions = {}): Promise<Signature> {
    return this.call('signChallenge', { nonce, origin: location.origin }, options.onPairingCode);
  }

  on<K extends keyof Events>(event: K, listener: (data: Events[K]) => void): () => void {
    this.listeners[event].add(listener);
    return () => void this.listeners[event].delete(listener);
  }

  close(): void {
    this.socket.close();
  }

  /** @internal */
  call<T>(method: string, params: Record<string, unknown>, onPairingCode?: (code: string) => void): Promise<T> {
    if (this.socket.readyState !== WebSocket.OPEN) return Promise.reject(notRunning());
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject, ...(onPairingCode ? { onPairingCode } : {}) });
      this.socket.send(JSON.stringify({ v: PROTOCOL, id, method, params }));
    });
  }

  private receive(text: string): void {
    let message: { id?: number; ok?: boolean; result?: unknown; error?: CatalogueMessage; event?: string; data?: Record<string, unknown> };
    try {
      message = JSON.parse(text) as typeof message;
    } catch {
      return;
    }
    if (message.event === 'pairing') {
      const waiting = this.pending.get(Number(message.data?.id));
      const code = message.data?.pairingCode;
      if (waiting?.onPairingCode && typeof code === 'string') waiting.onPairingCode(code);
      return;
    }
    if (message.event === 'presence' || message.event === 'access') {
      for (const listener of this.listeners[message.event]) (listener as (data: unknown) => void)(message.data);
      return;
    }
    if (typeof message.id !== 'number') return;
    const waiting = this.pending.get(message.id);
    if (!waiting) return;
    this.pending.delete(message.id);
    if (message.ok) waiting.resolve(message.result);
    else waiting.reject(message.error ? fromCatalogue(message.error) : new TokenDeskError('failed', { ja: '不明なエラーです。', en: 'Unknown error.' }, undefined, undefined, '', undefined));
  }
}

/** Connects to TokenDesk on this PC; rejects TokenDeskError 'module-not-running' (row 2's words) when it is not there. */
export function connect(options: ConnectOptions = {}): Promise<TokenDeskPortal> {
  const url = options.url ?? `ws://127.0.0.1:${options.port ?? DEFAULT_PORT}/`;
  return new Promise((resolve, reject) => {
    let socket: WebSocket;
    try {
      socket = new WebSocket(url);
    } catch {
      return reject(notRunning());
    }
    const timer = setTimeout(() => {
      socket.close();
      reject(notRunning());
    }, options.timeoutMs ?? 5000);
    socket.addEventListener('error', () => {
      clearTimeout(timer);
      reject(notRunning());
    });
    socket.addEventListener('open', () => {
      const portal = new TokenDeskPortal(socket);
      portal
        .call<Hello>('hello', {})
        .then((hello) => {
          clearTimeout(timer);
          portal.hello = hello;
          resolve(portal);
        })
        .catch((error: unknown) => {
          clearTimeout(timer);
          reject(error);
        });
    });
  });
}
