/**
 * The prompts CA web pages raise, waiting for the user in TokenDesk's own window
 * (or the agent's terminal): "may this origin use the token?" and "the user PIN,
 * for this origin, for this purpose". At most one prompt per origin and kind is
 * pending: a page that asks a hundred times joins the one prompt already shown;
 * a denied origin must wait (consent-store.ts); a prompt nobody answers is
 * withdrawn after a while. The PIN answered here goes to the caller as a Secret,
 * which wipes it when the token work is done — never to the page.
 */
import { randomUUID } from 'node:crypto';
import type { PortalAnswer, PortalGrant, PortalPrompt, PortalPrompts, Unsubscribe } from '../api/index.js';
import { InputError } from '../core/messages/index.js';
import { Secret } from '../core/secrets/secret.js';
import type { PortalDeskPort } from '../core/service/index.js';
import type { ConsentStore } from './consent-store.js';
import { pairingCode } from './pairing-code.js';

export type AccessDecision = 'once' | 'always' | 'deny';
export interface PinAnswer {
  pin: Secret;
  confirmFinalTry: boolean;
}

export interface PromptDeskOptions {
  now?: () => number;
  /** How long a prompt waits for the user. Default 2 minutes. */
  promptTimeoutMs?: number;
  /** Access prompts pending at once across the origins the policy file does not list (a flood of origins cannot bury the user). Default 5. */
  maxPendingOrigins?: number;
}

interface Pending {
  prompt: PortalPrompt;
  settle(answer: PortalAnswer | undefined): void;
  timer: ReturnType<typeof setTimeout>;
  /** Connections still waiting for it; the prompt is withdrawn when the last one leaves. */
  waiters: number;
}

export class PromptDesk implements PortalDeskPort {
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Set<(prompts: PortalPrompts) => void>();
  private readonly access = new Map<string, { prompt: PortalPrompt; decision: Promise<AccessDecision> }>();
  private readonly now: () => number;

  constructor(
    readonly consent: ConsentStore,
    private readonly options: PromptDeskOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Asks the user whether `origin` may use the token; a second ask while one is
   * pending joins it (same pairing code, same answer). Refused at once while the
   * origin must wait after a denial, or when too many origins are waiting.
   */
  requestAccess(origin: string): { pairingCode: string; decision: Promise<AccessDecision>; leave(): void } {
    const joined = this.access.get(origin);
    if (joined) {
      const entry = this.pending.get(joined.prompt.id);
      if (entry) entry.waiters += 1;
      return { pairingCode: joined.prompt.pairingCode, decision: joined.decision, leave: () => this.leave(joined.prompt.id) };
    }
    const wait = this.consent.waitMs(origin);
    if (wait > 0) throw new InputError({ code: 'TD-PORTAL-WAIT', message: 'denied origin asked again too soon', params: { seconds: Math.ceil(wait / 1000) } });
    // The cap keeps a flood of origins (one site's many subdomains) from burying the user; the
    // CA's own origins, listed in its policy file, are never crowded out by it.
    const crowded = this.access.size >= (this.options.maxPendingOrigins ?? 5) && !this.consent.preListed(origin);
    if (crowded) throw new InputError({ code: 'TD-PORTAL-WAIT', message: 'too many origins waiting', params: { seconds: 30 } });
    const prompt = this.makePrompt({ kind: 'access', origin, purpose: 'access' });
    // Recorded the moment the user answers (not a tick later): a call right after must see it.
    const decision = this.raise(prompt, (answer): AccessDecision => {
      this.access.delete(origin);
      const chosen = answer?.decision;
      if (chosen === 'once' || chosen === 'always') {
        this.consent.grant(origin, chosen);
        return chosen;
      }
      // Cancelled by silence or by the page leaving is not a denial: no wait imposed.
      if (chosen === 'deny') this.consent.deny(origin);
      return 'deny';
    });
    this.access.set(origin, { prompt, decision });
    return { pairingCode: prompt.pairingCode, decision, leave: () => this.leave(prompt.id) };
  }

  /** Asks for the user PIN in TokenDesk, naming the origin; one at a time per origin. Rejects TD-PORTAL-CANCELLED. */
  askPin(origin: string, purpose: 'readDevice' | 'signChallenge', token: { serial: string; finalTry: boolean }): { pairingCode: string; answer: Promise<PinAnswer>; leave(): void } {
    for (const { prompt } of this.pending.values()) {
      if (prompt.origin === origin && prompt.kind === 'pin') throw new InputError({ code: 'TD-PORTAL-PROMPT-PENDING', message: 'a PIN prompt is already pending for this origin' });
    }
    const prompt = this.makePrompt({ kind: 'pin', origin, purpose, tokenSerial: token.serial, ...(token.finalTry ? { finalTry: true } : {}) });
    const answer = this.raise(prompt, (given) => given).then((given) => {
      if (given?.decision !== 'submit' || !given.pin) throw new InputError({ code: 'TD-PORTAL-CANCELLED', message: 'PIN prompt cancelled' });
      return { pin: new Secret(given.pin), confirmFinalTry: given.confirmFinalTry === true };
    });
    return { pairingCode: prompt.pairingCode, answer, leave: () => this.leave(prompt.id) };
  }

  // PortalDeskPort: what TokenDesk's window calls.

  answer(answer: PortalAnswer): void {
    const entry = this.pending.get(answer.id);
    if (!entry) throw new InputError({ code: 'TD-PORTAL-CANCELLED', message: 'no such prompt (answered, withdrawn or expired)' });
    const fits = entry.prompt.kind === 'access' ? ['once', 'always', 'deny'].includes(answer.decision) : ['submit', 'cancel'].includes(answer.decision);
    if (!fits) throw new InputError({ code: 'TD-API-BAD-REQUEST', message: 'answer does not fit the prompt', params: { detail: 'decision' } });
    this.settle(answer.id, answer);
  }

  grants(): PortalGrant[] {
    return this.consent.list();
  }

  revoke(origin: string): void {
    this.consent.revoke(origin);
    // A PIN prompt of a revoked origin must not stay on screen.
    for (const [id, entry] of this.pending) if (entry.prompt.origin === origin && entry.prompt.kind === 'pin') this.settle(id, undefined);
  }

  subscribePrompts(listener: (prompts: PortalPrompts) => void): Unsubscribe {
    this.listeners.add(listener);
    listener(this.snapshot());
    return () => void this.listeners.delete(listener);
  }

  snapshot(): PortalPrompts {
    return { prompts: [...this.pending.values()].map((entry) => ({ ...entry.prompt })) };
  }

  /** Withdraws every prompt and writes the grants' last uses not yet on disk (the module stops). */
  close(): void {
    for (const id of [...this.pending.keys()]) this.settle(id, undefined);
    this.consent.flush();
  }

  private makePrompt(fields: Pick<PortalPrompt, 'kind' | 'origin' | 'purpose'> & Partial<PortalPrompt>): PortalPrompt {
    return {
      id: randomUUID(),
      pairingCode: pairingCode(),
      preListed: this.consent.preListed(fields.origin),
      expiresAt: this.now() + (this.options.promptTimeoutMs ?? 120_000),
      ...fields,
    };
  }

  /** Shows the prompt; `onAnswer` runs synchronously when it is answered (undefined: withdrawn), its result resolves the promise. */
  private raise<T>(prompt: PortalPrompt, onAnswer: (answer: PortalAnswer | undefined) => T): Promise<T> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.settle(prompt.id, undefined), this.options.promptTimeoutMs ?? 120_000);
      timer.unref?.();
      this.pending.set(prompt.id, { prompt, settle: (answer) => resolve(onAnswer(answer)), timer, waiters: 1 });
      this.publish();
    });
  }

  private leave(id: string): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    entry.waiters -= 1;
    if (entry.waiters <= 0) this.settle(id, undefined);
  }

  private settle(id: string, answer: PortalAnswer | undefined): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    entry.settle(answer);
    this.publish();
  }

  private publish(): void {
    const snapshot = this.snapshot();
    for (const listener of this.listeners) listener(snapshot);
  }
}
