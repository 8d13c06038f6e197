/**
 * One page's connection to the portal API: the whole of what a CA's page may do.
 * Before the user allows its origin it gets `hello` and `requestAccess` only; after,
 * the token list, the device information and a login signature — each PIN asked
 * in TokenDesk, naming the origin. Access is checked on every call and again after
 * every prompt, so a revocation takes effect on an open connection at once; the
 * page is told with an `access` event. Transport-free: portal-server.ts feeds it
 * text frames and sends what it answers.
 */
import { MAX_CALLS_IN_FLIGHT } from '../bridge/socket-limits.js';
import { InputError } from '../core/messages/index.js';
import type { ConsentStore } from './consent-store.js';
import { loginChallenge } from './login-challenge.js';
import { portalMessage } from './portal-messages.js';
import { PORTAL_PROTOCOL, PortalRequestSchema, isPortalMethod, portalMethods, type PortalMethod } from './portal-protocol.js';
import type { PresenceHub } from './presence-hub.js';
import type { AccessDecision, PromptDesk } from './prompt-desk.js';
import { listPortalTokens, readPortalDevice, signWithToken, theOneToken, withLibraryLoaded } from './token-work.js';

export interface PortalContext {
  desk: PromptDesk;
  consent: ConsentStore;
  presence: PresenceHub;
  /** The PKCS#11 library in effect (the host's settings). */
  modulePath(): Promise<string | undefined>;
  product: { name: string; version: string };
  now?: () => Date;
}

export interface PortalConnection {
  receive(text: string): void;
  closed(): void;
}

type Send = (message: Record<string, unknown>) => void;

export function openPortalConnection(origin: string, send: Send, end: (code: number, reason: string) => void, context: PortalContext): PortalConnection {
  const { desk, consent } = context;
  const now = context.now ?? (() => new Date());
  const leaving = new Set<() => void>();
  let onceGranted = false;
  let stopPresence: (() => void) | undefined;
  let ended = false;
  let callsInFlight = 0;
  /** This connection's wait on its origin's access prompt: however often the page asks, it joins the prompt once. */
  let accessAsked: { pairingCode: string; decision: Promise<AccessDecision> } | undefined;

  const emit = (event: string, data: unknown) => !ended && send({ v: PORTAL_PROTOCOL, event, data });

  const watchPresence = () => {
    stopPresence ??= context.presence.subscribe((tokens) => {
      if (consent.allowed(origin)) emit('presence', { tokens });
    });
  };

  const stopRevoke = consent.onRevoke((revoked) => {
    if (revoked !== origin) return;
    // The revocation ended every hold on a "once": closing later must not end a newer one another page holds.
    onceGranted = false;
    stopPresence?.();
    stopPresence = undefined;
    emit('access', { allowed: false });
  });

  const requireAccess = () => {
    if (!consent.allowed(origin)) throw new InputError({ code: 'TD-PORTAL-NOT-ALLOWED', message: 'origin not allowed', params: { origin } });
    consent.touch(origin);
  };

  /** A prompt this connection waits on; withdrawn if the page goes away first. */
  const waitFor = async <T>(asked: { answer?: Promise<T>; decision?: Promise<T>; leave(): void }): Promise<T> => {
    leaving.add(asked.leave);
    try {
      return await (asked.answer ?? asked.decision)!;
    } finally {
      leaving.delete(asked.leave);
    }
  };

  const methods: { [M in PortalMethod]: (params: never, id: number) => Promise<unknown> } = {
    hello: async () => {
      const allowed = consent.allowed(origin);
      if (allowed) watchPresence();
      return { product: context.product.name, version: context.product.version, protocol: PORTAL_PROTOCOL, origin, allowed };
    },

    requestAccess: async (_params, id) => {
      if (consent.allowed(origin)) {
        watchPresence();
        return { granted: true };
      }
      if (!accessAsked) {
        const asked = desk.requestAccess(origin);
        const decision = waitFor(asked).finally(() => {
          accessAsked = undefined;
        });
        accessAsked = { pairingCode: asked.pairingCode, decision };
      }
      emit('pairing', { id, pairingCode: accessAsked.pairingCode, purpose: 'access' });
      const decision = await accessAsked.decision;
      if (decision === 'deny') {
        const seconds = Math.ceil(consent.waitMs(origin) / 1000);
        if (seconds > 0) throw new InputError({ code: 'TD-PORTAL-DENIED', message: 'user denied', params: { seconds } });
        throw new InputError({ code: 'TD-PORTAL-CANCELLED', message: 'nobody answered' });
      }
      // A page that left while the prompt was up holds nothing: its "once" would outlive it.
      if (ended) throw new InputError({ code: 'TD-PORTAL-CANCELLED', message: 'the page left before the answer' });
      if (decision === 'once' && !onceGranted) {
        onceGranted = true;
        consent.holdOnce(origin);
      }
      watchPresence();
      return { granted: true, kind: decision };
    },

    listTokens: async () => {
      requireAccess();
      return { tokens: await listPortalTokens(await context.modulePath()) };
    },

    readDevice: async (params: { expectedSerial?: string }, id) => {
      requireAccess();
      const modulePath = await context.modulePath();
      return withLibraryLoaded(modulePath, async (module) => {
        const token = await theOneToken(module, params.expectedSerial);
        const asked = desk.askPin(origin, 'readDevice', token);
        emit('pairing', { id, pairingCode: asked.pairingCode, purpose: 'readDevice' });
        const { pin, confirmFinalTry } = await waitFor(asked);
        try {
          requireAccess(); // revoked while the prompt was open
          return await readPortalDevice(modulePath, token.serial, pin, confirmFinalTry, token.listed);
        } finally {
          pin.wipe();
        }
      });
    },

    signChallenge: async (params: { nonce: string; origin: string }, id) => {
      requireAccess();
      const modulePath = await context.modulePath();
      return withLibraryLoaded(modulePath, async (module) => {
        const token = await theOneToken(module);
        // Before any prompt: a challenge for another origin is refused without asking the user.
        const signedData = loginChallenge(origin, params.origin, params.nonce, now(), token.serial);
        const asked = desk.askPin(origin, 'signChallenge', token);
        emit('pairing', { id, pairingCode: asked.pairingCode, purpose: 'signChallenge' });
        const { pin, confirmFinalTry } = await waitFor(asked);
        try {
          requireAccess();
          return await signWithToken(token, pin, confirmFinalTry, signedData);
        } finally {
          pin.wipe();
        }
      });
    },
  };

  const answer = (id: number, work: () => Promise<unknown>) => {
    // Each call waiting for a prompt or the token holds memory until it ends: past the limit a
    // call is answered at once, holding nothing (a page that then never reads its answers is
    // ended by the transport, socket-limits.ts).
    if (callsInFlight >= MAX_CALLS_IN_FLIGHT) {
      const busy = new InputError({ code: 'TD-PORTAL-BUSY', message: 'too many calls in flight', params: { limit: MAX_CALLS_IN_FLIGHT } });
      return void send({ v: PORTAL_PROTOCOL, id, ok: false, error: portalMessage(busy) });
    }
    callsInFlight += 1;
    work()
      .then(
        (result) => !ended && send({ v: PORTAL_PROTOCOL, id, ok: true, result }),
        (error: unknown) => !ended && send({ v: PORTAL_PROTOCOL, id, ok: false, error: portalMessage(error) }),
      )
      .finally(() => {
        callsInFlight -= 1;
      });
  };

  return {
    receive(text) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return end(1008, 'not JSON');
      }
      const request = PortalRequestSchema.safeParse(parsed);
      if (!request.success) return end(1008, 'not a portal request');
      const { v, id, method, params } = request.data;
      answer(id, async () => {
        if (v !== PORTAL_PROTOCOL) throw new InputError({ code: 'TD-PORTAL-BAD-MESSAGE', message: 'protocol version', params: { detail: `${PORTAL_PROTOCOL} only` } });
        if (!isPortalMethod(method)) throw new InputError({ code: 'TD-PORTAL-BAD-MESSAGE', message: 'unknown method', params: { detail: 'method' } });
        const checked = portalMethods[method].safeParse(params ?? {});
        if (!checked.success) {
          const fields = [...new Set(checked.error.issues.map((issue) => issue.path.join('.') || 'params'))].join(', ');
          throw new InputError({ code: 'TD-PORTAL-BAD-MESSAGE', message: 'bad params', params: { detail: fields.slice(0, 80) } });
        }
        return (methods[method] as (params: unknown, id: number) => Promise<unknown>)(checked.data, id);
      });
    },
    closed() {
      ended = true;
      for (const leave of leaving) leave();
      leaving.clear();
      stopPresence?.();
      stopRevoke();
      if (onceGranted) consent.endOnce(origin);
    },
  };
}
