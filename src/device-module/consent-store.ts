/**
 * The user's answers, per origin: "allow always" for 90 days (configurable),
 * "allow once" for as long as the page that asked stays connected, "deny" with a
 * wait before that origin may ask again that doubles with each denial (a page
 * cannot flood the user). Revoking takes effect at once: every call checks here,
 * and listeners (the open connections) are told.
 *
 * Only "always" grants are kept on disk (JSON, 0600, written whole then renamed);
 * the file holds origins and times, never a PIN. A grant's last use is written when
 * it is a minute newer than the one on disk (and when the desk closes), not on every
 * call: Settings shows it by the day, and each write is synchronous on the host's
 * event loop — it had been most of a page's call beside the token's own work.
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PortalGrant } from '../api/index.js';
import { isServableOrigin } from './origin-rules.js';

export interface ConsentStoreOptions {
  /** Where "always" grants persist; undefined: in memory (tests, the demo). */
  file?: string;
  now?: () => number;
  /** How long "allow always" lasts. Default 90 days. */
  grantDays?: number;
  /** The wait after a first denial; doubled on each further denial, up to an hour. Default 60 s. */
  denyWaitMs?: number;
  /** Origins the CA's policy file lists (they still need the user's first yes). */
  policy?: readonly string[];
}

const DAY_MS = 24 * 60 * 60 * 1000;
const MAX_DENY_WAIT_MS = 60 * 60 * 1000;
/** An "allow once" outlives no page by more than this, even one that never closes. */
const ONCE_MAX_MS = 8 * 60 * 60 * 1000;
/** How much newer than the file's a grant's last use must be before a call writes it. */
const LAST_USE_WRITE_AFTER_MS = 60 * 1000;

export class ConsentStore {
  private readonly grantsByOrigin = new Map<string, PortalGrant>();
  private readonly denials = new Map<string, { count: number; until: number }>();
  private readonly revokeListeners = new Set<(origin: string) => void>();
  /** Open connections holding an origin's "once": it ends when the last of them closes. */
  private readonly onceHolders = new Map<string, number>();
  private readonly now: () => number;
  private readonly policy: ReadonlySet<string>;
  /** Each "always" grant's last use as the file holds it. */
  private readonly lastUseOnDisk = new Map<string, number | undefined>();

  constructor(private readonly options: ConsentStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.policy = new Set(options.policy ?? []);
    for (const grant of this.load()) {
      this.grantsByOrigin.set(grant.origin, grant);
      this.lastUseOnDisk.set(grant.origin, grant.lastUsedAt);
    }
  }

  allowed(origin: string): boolean {
    return this.current(origin) !== undefined;
  }

  grant(origin: string, kind: 'once' | 'always'): PortalGrant {
    const now = this.now();
    const days = this.options.grantDays ?? 90;
    const grant: PortalGrant = { origin, kind, grantedAt: now, expiresAt: now + (kind === 'always' ? days * DAY_MS : ONCE_MAX_MS), preListed: this.preListed(origin) };
    // "Once" never weakens an "always" already given.
    const existing = this.current(origin);
    if (kind === 'once' && existing?.kind === 'always') return existing;
    this.grantsByOrigin.set(origin, grant);
    this.denials.delete(origin);
    this.save();
    return grant;
  }

  /** A connection that was answered "once" holds it until it closes (endOnce). */
  holdOnce(origin: string): void {
    this.onceHolders.set(origin, (this.onceHolders.get(origin) ?? 0) + 1);
  }

  /** A page that was allowed once has gone: when it was the last, the permission goes with it. */
  endOnce(origin: string): void {
    const left = (this.onceHolders.get(origin) ?? 1) - 1;
    if (left > 0) return void this.onceHolders.set(origin, left);
    this.onceHolders.delete(origin);
    if (this.grantsByOrigin.get(origin)?.kind === 'once') this.grantsByOrigin.delete(origin);
  }

  deny(origin: string): number {
    const count = (this.denials.get(origin)?.count ?? 0) + 1;
    const wait = Math.min((this.options.denyWaitMs ?? 60_000) * 2 ** (count - 1), MAX_DENY_WAIT_MS);
    this.denials.set(origin, { count, until: this.now() + wait });
    return wait;
  }

  /** How long this origin must still wait before it may ask again (0: it may ask). */
  waitMs(origin: string): number {
    const denial = this.denials.get(origin);
    return denial ? Math.max(0, denial.until - this.now()) : 0;
  }

  revoke(origin: string): void {
    this.onceHolders.delete(origin);
    const had = this.grantsByOrigin.delete(origin);
    if (had) this.save();
    for (const listener of this.revokeListeners) listener(origin);
  }

  touch(origin: string): void {
    const grant = this.current(origin);
    if (!grant) return;
    grant.lastUsedAt = this.now();
    if (grant.kind !== 'always') return;
    const onDisk = this.lastUseOnDisk.get(origin);
    if (onDisk === undefined || grant.lastUsedAt - onDisk >= LAST_USE_WRITE_AFTER_MS) this.save();
  }

  /** Writes the last uses not yet on disk (the desk closing). */
  flush(): void {
    const behind = [...this.grantsByOrigin.values()].some((grant) => grant.kind === 'always' && grant.lastUsedAt !== this.lastUseOnDisk.get(grant.origin));
    if (behind) this.save();
  }

  list(): PortalGrant[] {
    return [...this.grantsByOrigin.keys()]
      .map((origin) => this.current(origin))
      .filter((grant): grant is PortalGrant => grant !== undefined)
      .map((grant) => ({ ...grant }))
      .sort((a, b) => a.origin.localeCompare(b.origin));
  }

  preListed(origin: string): boolean {
    return this.policy.has(origin);
  }

  onRevoke(listener: (origin: string) => void): () => void {
    this.revokeListeners.add(listener);
    return () => void this.revokeListeners.delete(listener);
  }

  private current(origin: string): PortalGrant | undefined {
    const grant = this.grantsByOrigin.get(origin);
    if (!grant) return undefined;
    if (grant.expiresAt <= this.now()) {
      this.grantsByOrigin.delete(origin);
      if (grant.kind === 'always') this.save();
      return undefined;
    }
    return grant;
  }

  private load(): PortalGrant[] {
    if (!this.options.file) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(readFileSync(this.options.file, 'utf8'));
    } catch {
      return []; // none yet, or unreadable: the user is asked again, which is the safe side
    }
    const grants = (parsed as { grants?: unknown } | null)?.grants;
    if (!Array.isArray(grants)) return [];
    return grants.filter(
      (grant): grant is PortalGrant =>
        typeof grant === 'object' &&
        grant !== null &&
        isServableOrigin((grant as PortalGrant).origin) &&
        (grant as PortalGrant).kind === 'always' &&
        Number.isFinite((grant as PortalGrant).grantedAt) &&
        Number.isFinite((grant as PortalGrant).expiresAt),
    ).map((grant) => ({ ...grant, preListed: this.preListed(grant.origin) }));
  }

  private save(): void {
    const file = this.options.file;
    if (!file) return;
    const grants = [...this.grantsByOrigin.values()].filter((grant) => grant.kind === 'always');
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, `${JSON.stringify({ grants }, null, 2)}\n`, { mode: 0o600 });
    renameSync(temporary, file);
    this.lastUseOnDisk.clear();
    for (const grant of grants) this.lastUseOnDisk.set(grant.origin, grant.lastUsedAt);
  }
}
